/** The data key of every test run (never used outside tests). */
export const TEST_DATA_KEY = Buffer.alloc(32, 7);
export const TEMPLATE_DB = 'linli_test_template';

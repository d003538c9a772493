import { setDataKey } from '../lib/crypto';
import { TEST_DATA_KEY } from './constants';

setDataKey(TEST_DATA_KEY);

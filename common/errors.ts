/**
 * Every error code the API answers with, and what the user reads. The server puts the Chinese
 * text in `message`; the web shows the text of the user's language for the code.
 */
export const ERROR_MESSAGES = {
  // generic
  'internal': { zh: '系统出错了，请稍后重试。如果一直出现，请联系管理员。', en: 'Something went wrong. Try again later, or contact your administrator.' },
  'not_found': { zh: '没有找到该记录，或您无权查看。', en: 'Not found, or you may not see it.' },
  'route.not_found': { zh: '请求的地址不存在。', en: 'No such address.' },
  'validation.failed': { zh: '填写的内容有误，请按提示修改。', en: 'Some fields need attention.' },
  'validation.body_too_large': { zh: '提交的内容太大。', en: 'The request is too large.' },
  'rate_limited': { zh: '操作太频繁，请稍后再试。', en: 'Too many attempts. Please wait and try again.' },
  'version_conflict': { zh: '这条记录已被其他人修改。请刷新查看最新内容后再保存。', en: 'Someone else changed this record. Reload it and save again.' },
  'network': { zh: '无法连接服务器，请检查网络。', en: 'Cannot reach the server. Check your connection.' },
  // auth
  'auth.required': { zh: '请先登录。', en: 'Please log in.' },
  'auth.session_expired': { zh: '登录已过期，请重新登录。', en: 'Your session has ended. Please log in again.' },
  'auth.forbidden': { zh: '您没有执行此操作的权限。', en: 'You do not have permission to do this.' },
  'auth.csrf': { zh: '页面已失效，请刷新后重试。', en: 'This page is out of date. Reload and try again.' },
  'auth.invalid_credentials': { zh: '用户名或密码错误。连续错误 5 次将锁定账号 15 分钟。', en: 'Wrong username or password. Five failures lock the account for 15 minutes.' },
  'auth.locked': { zh: '账号已被临时锁定，请 15 分钟后再试，或联系管理员解锁。', en: 'The account is locked for a while. Try again later or ask an administrator.' },
  'auth.password_change_required': { zh: '请先修改密码。', en: 'Please change your password first.' },
  'auth.wrong_password': { zh: '当前密码不正确。', en: 'The current password is wrong.' },
  'auth.weak_password': { zh: '新密码至少 8 位，且须包含字母和数字。', en: 'The new password needs at least 8 characters with letters and digits.' },
  'auth.same_password': { zh: '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' },
  'auth.second_factor_required': { zh: '请输入身份验证器应用中的 6 位验证码。', en: 'Enter the 6-digit code from your authenticator app.' },
  'auth.invalid_second_factor': { zh: '验证码不正确或已使用过。连续错误 5 次将锁定账号 15 分钟。', en: 'The code is wrong or was already used. Five failures lock the account for 15 minutes.' },
  'auth.invalid_code': { zh: '验证码不正确或已使用过，请输入身份验证器应用中当前显示的验证码。', en: 'The code is wrong or was already used. Enter the code your app shows now.' },
  'auth.second_factor_enrolment_required': { zh: '您的角色须使用双因素认证，请先完成设置。', en: 'Your role needs two-factor authentication: set it up first.' },
  'auth.second_factor_enabled': { zh: '双因素认证已开启。', en: 'Two-factor authentication is already on.' },
  'auth.second_factor_not_started': { zh: '请先扫描二维码开始设置。', en: 'Scan the QR code to start the setup first.' },
  'auth.second_factor_off': { zh: '尚未开启双因素认证。', en: 'Two-factor authentication is not on.' },
  'auth.second_factor_required_by_role': { zh: '您的角色必须使用双因素认证，不能关闭。', en: 'Your role needs two-factor authentication; it cannot be turned off.' },
  'auth.invalid_reset_code': { zh: '一次性验证码无效或已过期，请联系管理员重新生成。', en: 'The one-time code is invalid or expired. Ask an administrator for a new one.' },
  // orgs and users
  'orgs.invalid_parent': { zh: '上级机构类型不符合组织层级（区县 → 街道 → 社区/村；机构 → 社工站）。', en: 'This parent does not fit the hierarchy.' },
  'orgs.has_children': { zh: '该机构下还有下级机构，不能停用。', en: 'This unit still has sub-units.' },
  'orgs.in_use': { zh: '该社区还有居民或账号，不能停用。', en: 'This community still has residents or accounts.' },
  'orgs.serves_not_community': { zh: '服务范围只能选择社区或村。', en: 'Only communities and villages can be served.' },
  'users.username_taken': { zh: '该用户名已被使用。', en: 'This username is taken.' },
  'users.cannot_change_self': { zh: '不能修改自己的角色、岗位或停用自己。', en: 'You cannot change your own role, post or status.' },
  'users.cannot_reset_own_second_factor': { zh: '不能重置自己的双因素认证，请联系另一位管理员。', en: 'You cannot reset your own second factor: ask another administrator.' },
  // residents and households
  'residents.duplicate_id_number': { zh: '该证件号码已登记，不能重复建档。', en: 'A resident with this ID number already exists.' },
  'residents.possible_duplicate': { zh: '已有同名且出生日期相同的居民，请确认不是同一人。', en: 'A resident with the same name and birth date exists. Check it is not the same person.' },
  'residents.not_in_scope_community': { zh: '只能在您负责的社区中登记居民。', en: 'You can only register residents in your own communities.' },
  'residents.already_archived': { zh: '该居民档案已注销。', en: 'This record is already closed.' },
  'residents.not_archived': { zh: '该居民档案未注销，无需恢复。', en: 'This record is not closed.' },
  'residents.reveal_not_set': { zh: '该居民没有登记此项信息。', en: 'This value is not recorded.' },
  'residents.household_other_community': { zh: '所选家庭不在该居民的社区。', en: 'The household is in another community.' },
  'residents.import_invalid_file': { zh: '无法读取该文件，请使用下载的模板（.xlsx）。', en: 'The file cannot be read. Use the downloaded .xlsx template.' },
  'residents.import_has_errors': { zh: '部分行有错误，未导入任何数据。请修改后重新导入，或选择“仅导入正确的行”。', en: 'Some rows have errors; nothing was imported. Fix them, or import only the valid rows.' },
  'residents.export_too_many_rows': { zh: '符合条件的居民太多，一次最多导出 50,000 人。请按社区或其他条件缩小范围后分批导出。', en: 'Too many residents match: export at most 50,000 at a time. Narrow the search by community or other filters.' },
  'residents.import_too_large': { zh: '导入文件不能超过 10 MB。请拆分后分批导入。', en: 'Import files are limited to 10 MB. Split the file.' },
  'residents.import_too_many_rows': { zh: '一次最多导入 5000 行，请拆分文件。', en: 'At most 5,000 rows per import. Split the file.' },
  'households.head_not_member': { zh: '户主必须是本户成员。', en: 'The head must be a member of the household.' },
  'households.member_other_community': { zh: '该居民不在本户所在社区。', en: 'This resident lives in another community.' },
  'households.has_members': { zh: '该户还有成员，不能注销。', en: 'The household still has members.' },
  // cases (个案) and what hangs on them
  'cases.not_open': { zh: '该个案已结案或未接案，不能再添加服务内容。', en: 'This case is not open.' },
  'cases.invalid_transition': { zh: '个案当前所处阶段不能执行此操作。', en: 'This step is not possible at the case’s current stage.' },
  'cases.client_not_in_scope': { zh: '只能为您负责社区的居民建立个案。', en: 'You can only open cases for residents of your communities.' },
  'cases.consent_required': { zh: '接案须记录服务对象（或监护人）的知情同意或法定依据。', en: 'Record the client’s consent or the legal basis first.' },
  'cases.plan_incomplete': { zh: '服务计划至少需要一个目标（含可测量指标）和一项任务。', en: 'A plan needs at least one goal with an indicator and one task.' },
  'cases.open_tasks': { zh: '计划中还有未完成的任务。请先完成或取消，或说明仍要结案的原因。', en: 'The plan still has open tasks: finish or cancel them, or say why the case closes anyway.' },
  'cases.open_reports': { zh: '该个案还有未完成的强制报告，请先报告并记录（或确认无需报告并排除）后再申请结案。', en: 'Record the pending mandatory report (or dismiss it as unfounded) before closing the case.' },
  'cases.goals_not_evaluated': { zh: '请为每个计划目标填写达成情况。', en: 'Rate the attainment of every goal.' },
  'cases.not_approver': {
    zh: '您不能审批此项：由本个案的督导审批；督导本人提交或主责的，由其他督导或机构负责人审批。',
    en: 'You cannot approve this: the case’s supervisor does, or, for work they sent or a case they lead, another supervisor or the agency head.',
  },
  'cases.no_approver': {
    zh: '没有可以审批的人：督导不能审批本人提交或主责个案的工作，受限个案也不能由团队以外的人审批。请先在“服务团队”中将另一位督导加入团队。',
    en: 'Nobody can approve this: a supervisor does not approve their own work or a case they lead, and nobody outside the team approves a restricted case. Add another supervisor to the team first.',
  },
  'cases.file_closed': {
    zh: '您未加入该个案团队，只能查看概况。如需查看服务记录，请联系主责社工将您加入团队。',
    en: 'You are not on this case’s team and see its summary only. Ask the lead worker to add you to the team to read its records.',
  },
  'cases.assessment_required': { zh: '请先在“预估”页完成并保存至少一份预估，再进入计划阶段。', en: 'Record an assessment on the 预估 tab before planning.' },
  'cases.transfer_target_invalid': { zh: '只能移交给负责该社区的社工。', en: 'Transfer only to a social worker of this community.' },
  'cases.team_member_invalid': { zh: '该成员不能加入此个案（账号、角色或服务范围不符）。', en: 'This person cannot join the case team.' },
  'cases.attachment_type': { zh: '附件只能是图片（JPG、PNG、HEIC）、PDF 或 Word、Excel 文档（.doc、.docx、.xls、.xlsx），按文件内容判断，改扩展名无效。', en: 'Attachments must be images (JPG, PNG, HEIC), PDF or Word/Excel documents (.doc, .docx, .xls, .xlsx), judged by their content.' },
  'cases.attachment_too_large': { zh: '附件不能超过 10 MB。', en: 'Attachments are limited to 10 MB.' },
  'cases.attachment_macros': { zh: '该文档含有宏，不能上传。请另存为不含宏的 .docx 或 .xlsx 后再上传。', en: 'The document contains macros. Save it as a .docx or .xlsx without macros and upload that.' },
  'cases.followup_done': { zh: '该回访已完成。', en: 'This follow-up is already done.' },
  'referrals.consent_required': { zh: '没有服务对象的同意或法定依据，不能转介。请先在个案中记录。', en: 'No referral without the client’s consent or a legal basis.' },
  'referrals.invalid_target': { zh: '请选择一个转介对象（社工站、社区或资源目录中的机构）。', en: 'Choose where to refer.' },
  'referrals.invalid_transition': { zh: '该转介当前状态下不能执行此操作。', en: 'This referral cannot do that now.' },
  'assessments.invalid_answers': { zh: '评估内容填写不完整或有误。', en: 'The assessment answers are incomplete or invalid.' },
  'assessments.instrument_inactive': { zh: '该评估量表已停用。', en: 'This instrument is no longer in use.' },
  'safeguarding.already_reported': { zh: '该报告已记录。', en: 'This report has been recorded already.' },
  'safeguarding.already_dismissed': { zh: '该事项已排除，无需报告。', en: 'This concern has been dismissed already.' },
  'safeguarding.not_dismissable': { zh: '严重违反社区戒毒/康复协议须向公安机关报告，不能排除。', en: 'A serious breach of a rehabilitation agreement must be reported; it cannot be dismissed.' },
  'safeguarding.team_only': { zh: '强制报告事项仅个案团队成员可见。', en: 'Mandatory reports are visible to the case team only.' },
  'safeguarding.order_too_long': { zh: '人身安全保护令有效期不超过 6 个月。', en: 'A protection order is valid for at most 6 months.' },
  'safeguarding.not_restricted_case': { zh: '只有社区矫正或社区戒毒/康复个案有这些信息。', en: 'Only correction and drug-rehabilitation cases have these fields.' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Field-level problems: zod issue messages are one of these codes. */
export const FIELD_MESSAGES = {
  'required': { zh: '必填', en: 'Required' },
  'invalid': { zh: '格式不正确', en: 'Invalid value' },
  'too_long': { zh: '内容太长', en: 'Too long' },
  'too_short': { zh: '内容太短', en: 'Too short' },
  'invalid_option': { zh: '请从列表中选择', en: 'Choose a value from the list' },
  'invalid_date': { zh: '日期格式应为 YYYY-MM-DD', en: 'Use the date format YYYY-MM-DD' },
  'future_date': { zh: '日期不能晚于今天', en: 'The date cannot be in the future' },
  'date_order': { zh: '结束日期不能早于开始日期', en: 'The end date is before the start date' },
  'order.starts_before_issue': { zh: '保护令自作出之日起生效，生效日期不能早于作出日期', en: 'A protection order takes effect on the day it is made, not before' },
  'rehab.agreement_before_report': { zh: '协议在报到后签订，签订日期不能早于报到日期', en: 'The agreement is signed after reporting, not before' },
  'rehab.term_derived': { zh: '社区戒毒期限为 3 年，自报到之日起计算，无需填写期满日期', en: 'A community detox term is 3 years from reporting: its end is not entered' },
  'rehab.term_too_long': { zh: '社区康复期限不超过 3 年（戒毒条例 第37条），自报到之日起计算', en: 'Community rehabilitation lasts at most 3 years from reporting' },
  'unknown_field': { zh: '不认识的字段', en: 'Unknown field' },
  'invalid_char': { zh: '含有无法保存的字符（如控制字符），请删除后重新输入', en: 'Contains a character that cannot be stored (such as a control character): remove it' },
  'too_many_files': { zh: '此处只能上传一个文件', en: 'Only one file can be uploaded here' },
  'too_many_fields': { zh: '提交的字段太多', en: 'Too many fields' },
  'id_number.format': { zh: '身份证号应为 18 位（或 15 位旧号），最后一位可为 X', en: 'An ID number has 18 characters (or 15 legacy digits)' },
  'id_number.hmt_format': { zh: '港澳台居民居住证号码应为 18 位，以 810000（香港）、820000（澳门）或 830000（台湾）开头，最后一位可为 X', en: 'A HK/Macao/Taiwan residence permit number has 18 characters and starts with 810000, 820000 or 830000' },
  'id_number.foreign_format': { zh: '外国人永久居留身份证号码应为 18 位（2023 版，以 9 开头）或 15 位（2017 版，3 个字母加 12 位数字）', en: 'A foreign permanent residence ID number has 18 characters starting with 9 (2023) or 3 letters and 12 digits (2017)' },
  'id_number.province': { zh: '号码中的省级行政区划代码不存在，请核对', en: 'The province code in this number does not exist' },
  'id_number.nationality': { zh: '号码中的国籍代码不存在，请核对', en: 'The nationality code in this number does not exist' },
  'id_number.is_hmt_permit': { zh: '这是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”', en: 'This is a HK/Macao/Taiwan residence permit number: choose that ID type' },
  'id_number.is_foreign_permanent': { zh: '这是外国人永久居留身份证号码，请将证件类型选为“外国人永久居留身份证”', en: 'This is a foreign permanent residence ID number: choose that ID type' },
  'id_number.birth_date': { zh: '号码中的出生日期不存在或晚于今天', en: 'The birth date in this number does not exist or is after today' },
  'id_number.checksum': { zh: '身份证号校验位不正确，请核对', en: 'The check digit of this ID number is wrong' },
  'id_number.sex_mismatch': { zh: '性别与证件号码不一致', en: 'Sex does not match the ID number' },
  'id_number.birth_mismatch': { zh: '出生日期与证件号码不一致', en: 'Birth date does not match the ID number' },
  'phone.invalid': { zh: '手机号应为 11 位，以 13–19 开头', en: 'A mobile number has 11 digits starting 13–19' },
  'credit_code.invalid': { zh: '统一社会信用代码不正确', en: 'Invalid unified social credit code' },
  'division_code.invalid': { zh: '区划代码应为 6 位（区县）或 12 位（统计用区划代码）数字', en: 'Use a 6-digit or 12-digit division code' },
  'disability.grade_without_type': { zh: '填写残疾等级时须选择残疾类别', en: 'Choose a disability type for the grade' },
  'guardian.required_for_minor': { zh: '未成年人须登记监护人', en: 'A minor needs a guardian' },
  'risk_level.code_format': { zh: '代码只能用小写字母、数字和下划线，以字母开头', en: 'Lower-case letters, digits and _, starting with a letter' },
  'risk_level.code_taken': { zh: '代码重复', en: 'This code is used twice' },
  'risk_level.days_range': { zh: '联系间隔须为 1–365 天', en: 'Between 1 and 365 days' },
  'risk_level.none_active': { zh: '至少要有一个启用的风险等级', en: 'Keep at least one level in use' },
  'risk_level.in_use': { zh: '已有个案使用该等级，不能删除，可改为停用', en: 'Cases use this level: deactivate it instead of deleting it' },
  'risk_level.unknown': { zh: '没有这个风险等级，请从列表中选择', en: 'Choose a configured risk level' },
  'password.weak': { zh: '至少 8 位，且须包含字母和数字', en: 'At least 8 characters with letters and digits' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

/** The shape of every error the API answers with. */
export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { field?: string; code: string; message: string; row?: number; column?: string }[] | Record<string, unknown>;
    requestId?: string;
  };
};

// Every message a member of staff reads on a page, in Chinese first and English (the office works in
// Chinese; the API's problem details stay English, as its clients parse them). Domain rules and zod
// schemas word their refusals in English; this is the one place that puts Chinese beside them. A message
// already written in both languages passes as it is; one not listed here still gets a Chinese lead-in, so
// nobody is left with English alone.

type Rule = readonly [pattern: RegExp, zh: (match: RegExpExecArray) => string];

const STATUS_ZH: Readonly<Record<string, string>> = {
  received: '已收到', acknowledged: '已确认', investigating: '调查中', responded: '已答复', closed: '已办结', withdrawn: '已撤回',
};
const status = (name: string | undefined) => STATUS_ZH[name ?? ''] ?? name ?? '';

const RULES: readonly Rule[] = [
  [/^A (\w+) complaint cannot become (\w+)\.$/, (m) => `“${status(m[1])}”的投诉不能直接改为“${status(m[2])}”。`],
  [/^Closing needs the outcome/, () => '办结需要填写调查结论：属实、部分属实或不属实。'],
  [/^Closing needs the response/, () => '办结需要填写答复患者的内容。'],
  [/^A (\w+) complaint does not change; reopen it first\.$/, (m) => `“${status(m[1])}”的投诉不能修改，请先重新打开。`],
  [/^A complaint cannot be due before it was received\.$/, () => '答复期限不能早于收到日期。'],
  [/^Nothing to change\.$/, () => '没有任何修改。'],
  [/^not an officer of the complaint office$/, () => '不是医患办的工作人员'],
  [/^"(.+)" is not on the complaint office's rota\.$/, (m) => `“${m[1] ?? ''}”不在医患办的排班表上。`],
  [/^say why$/, () => '请填写原因'],
  [/^say what the patient is told$/, () => '请填写答复患者的内容'],
  [/^say how it was settled$/, () => '请说明当场是如何处理的'],
  [/^contains (U\+[0-9A-F]+)/, (m) => `含有不能使用的字符 ${m[1] ?? ''}`],
  [/^at most (\d+) characters \(this has (\d+)\)$/, (m) => `最多 ${m[1] ?? ''} 字（现有 ${m[2] ?? ''} 字）`],
  [/^One or more fields are not valid\.$/, () => '有内容需要修改。'],
  [/^Your role does not allow this\.$/, () => '您的角色不能进行此操作。'],
  [/^not for your role$/, () => '您的角色不能修改此项'],
  [/^A department responder may move a case/, () => '科室负责人只能把案件改为“调查中”或“已答复”并填写答复，其余由医患办处理。'],
  [/^No department "(.+)" at site "(.+)"\.$/, (m) => `站点“${m[2] ?? ''}”没有科室“${m[1] ?? ''}”。`],
  [/^no such department at these sites: (.+)$/, (m) => `这些院区没有科室：${m[1] ?? ''}`],
  [/^this username is taken$|^This username is taken\.$/, () => '用户名已被使用'],
  [/^this role acts for its departments/, () => '此角色只管自己的科室：请至少填写一个科室'],
  [/^password needs (.+)$/, () => '密码至少 10 位，须含大小写字母、数字和符号'],
  [/^The last enabled administrator/, () => '不能停用最后一位系统管理员，也不能改变其角色：请先设立另一位管理员。'],
  [/^Nobody (changes their own role|disables their own account)/, () => '不能修改自己的角色，也不能停用自己的账号。'],
  [/^nobody (changes their own role|disables their own account)$/, () => '不能修改自己的角色或停用自己'],
  [/^no (category|department|time zone) "(.+)"( at this site)?$/, (m) => `没有${m[1] === 'category' ? '类别' : m[1] === 'department' ? '科室' : '时区'}“${m[2] ?? ''}”`],
  [/cannot be removed \(its codes/, () => '科室不能删除（二维码、案件和统计都引用它），请改为关闭满意度调查'],
  [/^\d{4}: /, () => '这一年的节假日安排看起来不对'],
  [/^The settings changed since you read them/, () => '设置已被他人修改，请重新打开。'],
  [/^the first day comes after the last$/, () => '开始日期晚于结束日期'],
  [/^at most \d+ days at a time$/, () => '一次最多查询 366 天'],
  [/^no such case$/, () => '没有这个投诉编号'],
  [/^the cursor is not one this API gave out$/, () => '分页标记无效，请从第一页开始'],
  [/^must be a phone number$/, () => '电话号码格式不正确'],
  [/^a phone number or an e-mail address is needed/, () => '联系患者需要电话或电子邮箱'],
  [/^Invalid option/, () => '请从列表中选择'],
  [/^Invalid email/, () => '电子邮箱格式不正确'],
  [/^Invalid ISO date|^expected a calendar day/, () => '日期或时间格式不正确'],
  [/^Invalid input: expected \w+, received undefined$/, () => '此项必填'],
  [/^Invalid (input|string|format)/, () => '格式不正确'],
  [/^Too (big|small)/, () => '超出允许的范围'],
  [/^Unrecognized key/, () => '不认识的字段'],
];

/** `中文 · English`: the Chinese for a known message, a generic lead-in for any other. */
export function bilingual(message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  for (const [pattern, zh] of RULES) {
    const match = pattern.exec(message);
    if (match !== null) return `${zh(match)} · ${message}`;
  }
  return `请检查此项 · ${message}`;
}

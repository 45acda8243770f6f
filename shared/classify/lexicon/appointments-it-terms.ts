import type { TermGroup } from './lexicon-entry.ts';
import { C, en, re, zh } from './term-builders.ts';

// appointments, the hospital app and the queue-calling system
export const APPOINTMENTS_IT_TERMS: readonly TermGroup[] = [
  zh('叫号|号源|放号|小程序|公众号|网上挂号|验证码|登录|死机|系统错误|电子健康卡|闪退|微信|支付宝|智慧医院|互联网医院|线上问诊|在线问诊|网上问诊|人脸识别|实名认证|挂号平台|预约平台|抢号|一号难求|未支付|支付失败|付款失败|没同步|不同步|打不进|打不通|取号机|医保电子凭证|电子凭证|挂号机|白屏|下载不了|下载不', 'topic', 'appointments-it', 4),
  re('缴费机', /(?:缴费|收费|挂号|打印|取号|自助|报告)机/, 'zh', 'topic', 'appointments-it', 4),
  zh('没有我的号|没我的号|号没了|查不到我的号|没有我的预约|没有预约记录|号作废|号被取消', 'topic', 'appointments-it', 4),
  zh('屏幕|显示屏|大屏|不更新|刷新不了|不找零|不能刷卡|电子发票|点不开|建档|没动过|一直不动|不动了|网络|断网|系统故障|系统坏了|系统崩了|扫不了|扫码失败|预约不上|约不上|约满|已约满|号被抢光|没号|挂不上号|挂不到号', 'topic', 'appointments-it', 3),
  re('电话没人接', new RegExp(`电话${C}{0,4}(?:没人接|打不通|打爆|占线|打不进)`), 'zh', 'topic', 'appointments-it', 3),
  zh('预约|网上|线上|绑卡|绑定|自助机|打印机|页面|扫码|二维码|短信|抢不到|健康卡|跳过|转圈|系统升级|网站|占线|客服电话|改约|退号|停诊|报错|卡死|卡住|卡顿|打不开|进不去|刷不出|加载|崩溃|注册|查不到|过号|不认|识别不了|不识别|机器', 'topic', 'appointments-it', 3),
  zh('系统|手机|通知|广播|电话预约', 'topic', 'appointments-it', 2),
  en('app|online|website|crash*|log in|login|queue display|reschedul*|text message|kiosk*|portal|wechat|alipay|qr', 'topic', 'appointments-it', 4),
  en('booked|booking*|book|system|skipped|cancel*|no record|confirmation|glitch*|error|check in|check-in|password|sms|slot*', 'topic', 'appointments-it', 3),
  en('appointment*', 'topic', 'appointments-it', 2),
  en('automated|text|texts|texted', 'topic', 'appointments-it', 2),
];

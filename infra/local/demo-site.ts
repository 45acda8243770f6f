import type { ComplaintSettings } from '../../shared/complaints/settings.ts';
import { DEFAULT_RULES } from '../../shared/complaints/routing.ts';
import type { Department, DepartmentKind, Site, SiteGroup } from '../../shared/schemas/site.ts';

// The demo site loaded on the first `npm start`: a district hospital with the departments patients
// meet (clinics, wards, emergency, the registration and billing windows, pharmacy), named in both languages.

export const DEMO_SITE: Site = {
  siteId: 'demo',
  name: '示范区人民医院',
  nameEn: 'Demo District People\'s Hospital',
  timeZone: 'Asia/Shanghai',
  minResponses: 30,
  targets: { positiveRate: 0.9, waitWithin15Rate: 0.9 },
};

const departments: ReadonlyArray<readonly [id: string, name: string, nameEn: string, kind: DepartmentKind]> = [
  ['registration-billing', '门诊挂号收费窗口', 'Outpatient Registration & Billing', 'service-window'],
  ['admission-discharge', '住院出入院结算处', 'Admission & Discharge Desk', 'service-window'],
  ['blood-draw', '检验科采血窗口', 'Laboratory Blood-Draw Window', 'service-window'],
  ['outpatient-pharmacy', '门诊药房', 'Outpatient Pharmacy', 'pharmacy'],
  ['emergency', '急诊科', 'Emergency Department', 'emergency'],
  ['internal-medicine-clinic', '内科门诊', 'Internal Medicine Clinic', 'clinic'],
  ['surgery-clinic', '外科门诊', 'General Surgery Clinic', 'clinic'],
  ['paediatrics-clinic', '儿科门诊', 'Paediatrics Clinic', 'clinic'],
  ['obgyn-clinic', '妇产科门诊', 'Obstetrics & Gynaecology Clinic', 'clinic'],
  ['tcm-clinic', '中医科门诊', 'Traditional Chinese Medicine Clinic', 'clinic'],
  ['stomatology-clinic', '口腔科门诊', 'Dental Clinic', 'clinic'],
  ['medical-imaging', '医学影像科', 'Medical Imaging', 'clinic'],
  ['health-check', '体检中心', 'Health Check Centre', 'clinic'],
  ['cardiology-ward', '心血管内科病区', 'Cardiology Ward', 'ward'],
  ['respiratory-ward', '呼吸与危重症医学科病区', 'Respiratory Medicine Ward', 'ward'],
  ['orthopaedics-ward', '骨科病区', 'Orthopaedics Ward', 'ward'],
  ['general-surgery-ward', '普外科病区', 'General Surgery Ward', 'ward'],
  ['maternity-ward', '产科病区', 'Maternity Ward', 'ward'],
  ['paediatrics-ward', '儿科病区', 'Paediatrics Ward', 'ward'],
  ['patient-relations', '医患关系办公室', 'Patient Relations Office', 'office'],
];

// The functional offices that investigate complaints (domain.md, "Responsible departments"). Patients
// do not visit them, so they have no survey poster.
const handlerOffices: ReadonlyArray<readonly [id: string, name: string, nameEn: string]> = [
  ['medical-affairs', '医务科', 'Medical Affairs'],
  ['nursing-office', '护理部', 'Nursing Department'],
  ['finance', '财务科', 'Finance'],
  ['pharmacy-office', '药剂科', 'Pharmacy Department'],
  ['general-affairs', '总务科', 'General Affairs'],
  ['infection-control', '院感科', 'Infection Control'],
  ['information', '信息科', 'Information Technology'],
  ['conduct-office', '党务办', 'Conduct & Ethics Office'],
];

export const DEMO_DEPARTMENTS: readonly Department[] = [
  ...departments.map(([departmentId, name, nameEn, kind]) => ({
    siteId: DEMO_SITE.siteId, departmentId, name, nameEn, kind, codeGeneration: 1, surveyEnabled: true,
    // The patient relations office handles waiting and "other" complaints by default, so it gets their notices.
    ...(kind === 'office' ? { email: `${departmentId}@hospital.example` } : {}),
  })),
  ...handlerOffices.map(([departmentId, name, nameEn]) => ({
    siteId: DEMO_SITE.siteId, departmentId, name, nameEn, kind: 'office' as const, codeGeneration: 1, surveyEnabled: false, email: `${departmentId}@hospital.example`,
  })),
];

/** The demo site's office: two day officers, one night officer on the 24-hour hotline, the head. */
export const DEMO_COMPLAINT_SETTINGS: ComplaintSettings = {
  rota: [
    { username: 'office', email: 'office@hospital.example', days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' },
    { username: 'head', email: 'head@hospital.example', days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' },
    { username: 'office', email: 'office@hospital.example', days: [1, 2, 3, 4, 5, 6, 7], from: '17:30', to: '08:00' },
    { username: 'head', email: 'head@hospital.example', days: [6, 7], from: '08:00', to: '17:30' },
  ],
  officeHead: { username: 'head', email: 'head@hospital.example' },
  safetyContactEmail: 'safety@hospital.example',
  routing: [...DEFAULT_RULES],
  publicContact: { phone: '0571-8888 1234', place: '门诊楼一楼大厅东侧 医患关系办公室', placeEn: 'Outpatient building, ground floor, east side of the hall', hours: '每天 8:00–17:30（电话 24 小时）', hoursEn: 'Daily 8:00–17:30 (phone 24 hours)' },
};

// Two more demo sites, so service types and the group view have something to show (issue 11): a
// community health centre the district hospital assists (对口帮扶), and a mental-health centre whose
// services are counselling and treatment, reported apart (domain.md).

const siteOf = (siteId: string, name: string, nameEn: string, surveysPerYear: number): Site => ({
  siteId, name, nameEn, timeZone: 'Asia/Shanghai', minResponses: 20, targets: { positiveRate: 0.9, waitWithin15Rate: 0.9, surveysPerYear },
});

export const DEMO_COMMUNITY_SITE = siteOf('community', '示范区城东社区卫生服务中心', 'Chengdong Community Health Centre', 800);
export const DEMO_MENTAL_HEALTH_SITE = siteOf('mental-health', '示范区精神卫生中心', 'District Mental Health Centre', 600);

/** The two member sites' settings: the demo office's rota and rules, and each its own reception desk for patients. */
export const DEMO_MEMBER_COMPLAINT_SETTINGS: readonly (readonly [Site, ComplaintSettings])[] = [
  [DEMO_COMMUNITY_SITE, { ...DEMO_COMPLAINT_SETTINGS, publicContact: { phone: '0571-8888 2200', place: '中心一楼 服务台旁 投诉接待室', placeEn: 'Ground floor, beside the service desk', hours: '工作日 8:00–17:00', hoursEn: 'Weekdays 8:00–17:00' } }],
  [DEMO_MENTAL_HEALTH_SITE, { ...DEMO_COMPLAINT_SETTINGS, publicContact: { phone: '0571-8888 3300', place: '门诊楼二楼 医患沟通办公室', placeEn: 'Outpatient building, first floor, patient relations office', hours: '每天 8:00–17:30', hoursEn: 'Daily 8:00–17:30' } }],
];

const more: ReadonlyArray<readonly [site: Site, id: string, name: string, nameEn: string, kind: DepartmentKind, service?: string]> = [
  [DEMO_COMMUNITY_SITE, 'general-practice', '全科门诊', 'General Practice', 'clinic'],
  [DEMO_COMMUNITY_SITE, 'family-doctor', '家庭医生签约服务', 'Family Doctor Service', 'clinic', 'family-doctor'],
  [DEMO_COMMUNITY_SITE, 'public-health', '公共卫生服务（预防接种、慢病随访）', 'Public Health (vaccination, chronic care)', 'clinic', 'public-health'],
  [DEMO_COMMUNITY_SITE, 'community-pharmacy', '中心药房', 'Pharmacy', 'pharmacy'],
  [DEMO_COMMUNITY_SITE, 'community-billing', '挂号收费窗口', 'Registration & Billing', 'service-window'],
  [DEMO_MENTAL_HEALTH_SITE, 'counselling-clinic', '心理咨询门诊', 'Counselling Clinic', 'clinic', 'counselling'],
  [DEMO_MENTAL_HEALTH_SITE, 'psychotherapy', '心理治疗室', 'Psychotherapy', 'clinic', 'counselling'],
  [DEMO_MENTAL_HEALTH_SITE, 'psychiatric-clinic', '精神科门诊', 'Psychiatric Clinic', 'clinic', 'treatment'],
  [DEMO_MENTAL_HEALTH_SITE, 'psychiatric-ward-1', '精神科一病区', 'Psychiatric Ward 1', 'ward', 'treatment'],
  [DEMO_MENTAL_HEALTH_SITE, 'psychiatric-ward-2', '精神科二病区', 'Psychiatric Ward 2', 'ward', 'treatment'],
];

export const DEMO_MORE_DEPARTMENTS: readonly Department[] = more.map(([site, departmentId, name, nameEn, kind, serviceType]) => ({
  siteId: site.siteId, departmentId, name, nameEn, kind, codeGeneration: 1, surveyEnabled: true, ...(serviceType === undefined ? {} : { serviceType }),
}));

/** The district hospital's group: itself, the centre it assists, and the district's mental-health centre. */
export const DEMO_GROUP: SiteGroup = {
  groupId: 'district-group', name: '示范区医联体', nameEn: 'District Medical Alliance', siteIds: [DEMO_SITE.siteId, DEMO_COMMUNITY_SITE.siteId, DEMO_MENTAL_HEALTH_SITE.siteId],
};

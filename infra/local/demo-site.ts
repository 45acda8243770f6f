import type { ComplaintSettings } from '../../shared/complaints/settings.ts';
import { DEFAULT_RULES } from '../../shared/complaints/routing.ts';
import type { Department, DepartmentKind, Site } from '../../shared/schemas/site.ts';

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

import type { FileKind } from '../domain/types';

/**
 * The fields each kind of file can carry, with the header spellings seen in real exports
 * (Salesforce API names and report labels, HubSpot, Pipedrive, Zoho, Dynamics, the Maven sample,
 * and Chinese CRMs). Detection normalises headers (case, spaces, punctuation) before matching,
 * so only genuinely different spellings need listing.
 */
export interface FieldSpec {
  id: string;
  required: boolean;
  label_en: string;
  label_zh: string;
  /** What values look like, used to break ties when headers are unknown. */
  valueType: 'text' | 'date' | 'number' | 'id';
  synonyms: string[];
}

export interface KindSpec {
  kind: FileKind;
  fields: FieldSpec[];
  /**
   * Fields whose presence makes this kind likely even when other kinds share fields
   * (a stage says "deals", a manager says "reps").
   */
  signature: string[];
}

const f = (
  id: string,
  required: boolean,
  label_en: string,
  label_zh: string,
  valueType: FieldSpec['valueType'],
  synonyms: string[],
): FieldSpec => ({ id, required, label_en, label_zh, valueType, synonyms });

const OWNER = [
  'owner',
  'owner name',
  'owner.name',
  'opportunity owner',
  'deal owner',
  'deal - owner',
  'sales agent',
  'sales_agent',
  'sales rep',
  'salesperson',
  'sales person',
  'rep',
  'rep name',
  'account executive',
  'assigned to',
  'user',
  'user_name',
  'ownerid',
  'owner id',
  'owning user',
  '负责人',
  '销售',
  '销售员',
  '销售人员',
  '业务员',
  '所有人',
  '跟进人',
];

export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: 'deals',
    signature: ['stage', 'amount', 'close_date'],
    fields: [
      f('external_id', false, 'Record id', '记录编号', 'id', [
        'opportunity id',
        'opportunity_id',
        'id',
        'record id',
        'deal id',
        'deal - id',
        'opportunityid',
        '商机编号',
        '商机id',
        '编号',
      ]),
      f('owner', true, 'Owner (rep)', '负责人（销售）', 'text', OWNER),
      f('stage', true, 'Stage', '销售阶段', 'text', [
        'stage',
        'stagename',
        'stage name',
        'deal stage',
        'deal_stage',
        'deal - stage',
        'status',
        'deal - status',
        'statuscode',
        'status reason',
        '销售阶段',
        '阶段',
        '商机阶段',
        '状态',
      ]),
      f('amount', false, 'Amount', '金额', 'number', [
        'amount',
        'close_value',
        'close value',
        'deal value',
        'deal value, $',
        'deal - value',
        'value',
        'actual revenue',
        'actualvalue',
        'est. revenue',
        'estimated revenue',
        'revenue',
        'total',
        '商机金额',
        '金额',
        '销售金额',
        '合同金额',
        '预计金额',
      ]),
      f('close_date', false, 'Close date', '结单日期', 'date', [
        'close date',
        'closedate',
        'close_date',
        'closing date',
        'actual close date',
        'actual close',
        'actualclosedate',
        'deal - won time',
        'won time',
        'est. close date',
        'expected close date',
        '结单日期',
        '结束日期',
        '成交日期',
        '赢单日期',
        '预计成交日期',
      ]),
      f('created_date', false, 'Created date', '创建日期', 'date', [
        'created date',
        'createddate',
        'create date',
        'engage_date',
        'engage date',
        'deal - deal created',
        'deal created',
        'created on',
        'created time',
        'lead acquisition date',
        '创建日期',
        '创建时间',
      ]),
      f('account', false, 'Account', '客户', 'text', [
        'account',
        'account name',
        'account.name',
        'organization',
        'deal - organization',
        'organisation',
        'company',
        'company name',
        'customer',
        'potential customer',
        '客户名称',
        '客户',
        '公司名称',
      ]),
      f('name', false, 'Deal name', '商机名称', 'text', [
        'opportunity name',
        'name',
        'deal name',
        'deal - title',
        'topic',
        '商机名称',
        '商机',
      ]),
      f('currency', false, 'Currency', '货币', 'text', [
        'currency',
        'currencyisocode',
        'opportunity currency',
        'deal - currency',
        'currency code',
        '币种',
        '货币',
      ]),
      f('product', false, 'Product', '产品', 'text', ['product', 'product name', '产品']),
      f('deal_type', false, 'Type (new / existing)', '类型（新客户/老客户）', 'text', [
        'type',
        'opportunity type',
        'deal type',
        'dealtype',
        '商机类型',
      ]),
    ],
  },
  {
    kind: 'activities',
    signature: ['activity_type', 'activity_date'],
    fields: [
      f('external_id', false, 'Record id', '记录编号', 'id', [
        'activity id',
        'id',
        'task id',
        'event id',
        'record id',
        '活动编号',
      ]),
      f('owner', true, 'Owner (rep)', '负责人（销售）', 'text', OWNER),
      f('activity_type', false, 'Activity type', '活动类型', 'text', [
        'activity type',
        'type__c',
        'tasksubtype',
        'task subtype',
        'subtype',
        'type',
        'activity - type',
        'activitytypecode',
        '活动类型',
        '跟进方式',
        '类型',
      ]),
      f('activity_date', true, 'Date', '日期', 'date', [
        'activity date',
        'activitydate',
        'date',
        'due date',
        'start date',
        'startdatetime',
        'activity - due date',
        'scheduled start',
        '活动日期',
        '跟进时间',
        '拜访日期',
        '日期',
      ]),
      f('account', false, 'Account', '客户', 'text', [
        'account',
        'account name',
        'company',
        'organization',
        'related to',
        'regarding',
        'whatid',
        'what id',
        '客户名称',
        '客户',
      ]),
      f('subject', false, 'Subject', '主题', 'text', ['subject', 'title', '主题', '标题']),
      f('outcome', false, 'Result', '结果', 'text', [
        'call result',
        'calldisposition',
        'outcome',
        'result',
        'status',
        '通话结果',
        '结果',
      ]),
      f('duration', false, 'Duration (min)', '时长（分钟）', 'number', [
        'duration (min)',
        'duration',
        'durationinminutes',
        '时长',
      ]),
    ],
  },
  {
    kind: 'reps',
    signature: ['manager', 'team', 'region', 'role', 'hire_date'],
    fields: [
      f('external_id', false, 'Employee id', '员工编号', 'id', [
        'employee id',
        'employeeid',
        'employee key',
        'employeekey',
        'user id',
        'id',
        '员工编号',
        '工号',
      ]),
      f('rep', true, 'Rep', '销售', 'text', [...OWNER, 'name', 'full name', 'employee', '姓名', '员工']),
      f('email', false, 'Email', '邮箱', 'text', ['email', 'e-mail', 'upn', '邮箱', '电子邮件']),
      f('team', false, 'Team', '团队', 'text', ['team', 'sales team', 'team name', '团队', '小组', '部门']),
      f('manager', false, 'Manager', '经理', 'text', [
        'manager',
        'sales manager',
        'team lead',
        'reports to',
        '经理',
        '主管',
        '上级',
      ]),
      f('region', false, 'Region', '区域', 'text', [
        'region',
        'regional_office',
        'regional office',
        'territory',
        'office',
        '区域',
        '大区',
        '地区',
      ]),
      f('role', false, 'Role', '岗位', 'text', [
        'role',
        'title',
        'job title',
        'position',
        '岗位',
        '职位',
        '角色',
      ]),
      f('hire_date', false, 'Hire date', '入职日期', 'date', [
        'hire date',
        'start date',
        'hiredate',
        '入职日期',
      ]),
    ],
  },
  {
    kind: 'accounts',
    signature: ['industry', 'tier', 'annual_revenue'],
    fields: [
      f('external_id', false, 'Account id', '客户编号', 'id', [
        'account id',
        'id',
        'customer id',
        '客户编号',
      ]),
      f('account', true, 'Account', '客户', 'text', [
        'account name',
        'account',
        'name',
        'company',
        'company name',
        'organization',
        '客户名称',
        '客户',
        '公司名称',
      ]),
      f('industry', false, 'Industry', '行业', 'text', ['industry', 'sector', '行业']),
      f('tier', false, 'Tier / segment', '客户等级', 'text', [
        'tier',
        'segment',
        'customer tier',
        'account tier',
        'rating',
        'class',
        '客户等级',
        '客户级别',
        '等级',
        '分类',
      ]),
      f('annual_revenue', false, 'Annual revenue', '年收入', 'number', [
        'annual revenue',
        'annualrevenue',
        'revenue',
        '年收入',
        '营业额',
      ]),
      f('owner', false, 'Account owner', '客户负责人', 'text', [
        'account owner',
        'owner',
        'owner.name',
        '负责人',
      ]),
    ],
  },
  {
    kind: 'quotas',
    signature: ['quota', 'period_start'],
    fields: [
      f('rep', true, 'Rep', '销售', 'text', [...OWNER, 'employee id', 'employeeid']),
      f('quota', true, 'Quota', '指标', 'number', [
        'quota',
        'target',
        'sales target',
        'quota amount',
        '指标',
        '目标',
        '业绩目标',
        '配额',
      ]),
      f('period_start', true, 'Period start', '期间开始', 'date', [
        'period start',
        'start date',
        'start',
        'from',
        '开始日期',
      ]),
      f('period_end', true, 'Period end', '期间结束', 'date', [
        'period end',
        'end date',
        'end',
        'to',
        '结束日期',
      ]),
      f('currency', false, 'Currency', '货币', 'text', ['currency', '币种', '货币']),
    ],
  },
];

export function kindSpec(kind: FileKind): KindSpec {
  const spec = KIND_SPECS.find((k) => k.kind === kind);
  if (!spec) throw new Error(`unknown kind ${kind}`);
  return spec;
}

/** Lower-case, trims, folds full-width characters and punctuation so header variants compare equal. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\uFEFF/, '')
    .replace(/[_\-./\\:：，,()（）[\]$%#*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

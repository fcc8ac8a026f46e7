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
  /**
   * Header spellings, preferred first. A header also matches a synonym it contains as whole
   * words; a synonym written "=month" matches only a header that is exactly "month".
   */
  synonyms: string[];
  /**
   * For a quantity a header may give in another unit: 'seconds' matches only a header that says
   * seconds ("Call Duration (in seconds)", CallDurationInSeconds, 通话时长（秒）); 'minutes' never
   * does, so a column of seconds is not read as minutes (matching otherwise ignores a unit in
   * brackets).
   */
  unit?: 'minutes' | 'seconds';
}

/** A header (normalizeHeader) that gives its values in seconds. */
export function headerSaysSeconds(normalized: string): boolean {
  return /second|(^| )secs?( |$)|(^| )s( |$)|秒/.test(normalized);
}

export interface KindSpec {
  kind: FileKind;
  fields: FieldSpec[];
  /**
   * Fields whose presence makes this kind likely even when other kinds share fields
   * (a stage says "deals", a manager says "reps").
   */
  signature: string[];
  /**
   * Beyond the required fields, at least one of these groups must be fully mapped. A deals file
   * needs a stage, or (an order or invoice export) a date and an amount; a quota file is long
   * (quota, period start, period end) or wide (a year and month columns). `@month` stands for
   * any of the month columns m01..m12.
   */
  alternatives?: string[][];
  /**
   * A person field that exports may split into two columns ("Owner First Name" / "Owner Last
   * Name", 姓 / 名): field id -> [given-name field, family-name field]. The parts are joined when
   * the whole-name column is not mapped.
   */
  nameParts?: Record<string, [string, string]>;
  /**
   * Ranks this kind above another whenever both can import the file and one of these fields is
   * mapped: a deal history export that also names the owner has every column a deals file needs,
   * and only its snapshot date says it is a history.
   */
  outranks?: { kind: FileKind; when: string[] };
}

const GIVEN_NAME = ['first name', 'firstname', 'given name', '名'];
const FAMILY_NAME = ['last name', 'lastname', 'surname', 'family name', '姓'];

function nameFields(prefixes: string[], zhGiven: string, zhFamily: string): FieldSpec[] {
  const expand = (names: string[]): string[] =>
    prefixes.flatMap((p) => names.map((n) => (p ? `${p} ${n}` : n)));
  return [
    f('given_name', false, 'First name', '名', 'text', [
      ...expand(GIVEN_NAME.slice(0, 3)),
      zhGiven,
      ...GIVEN_NAME,
    ]),
    f('family_name', false, 'Last name', '姓', 'text', [
      ...expand(FAMILY_NAME.slice(0, 4)),
      zhFamily,
      ...FAMILY_NAME,
    ]),
  ];
}

/** Joins split name parts the way each script writes names: "Ann Lee", but 张伟 (family name first). */
export function joinNameParts(given: string | null, family: string | null): string | null {
  if (given === null) return family;
  if (family === null) return given;
  return /[\u3400-\u9fff]/.test(given + family) ? `${family}${given}` : `${given} ${family}`;
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
  // Salesforce's activity report heads the owner column just "Assigned"; HubSpot, Pipedrive,
  // Zoho and Dynamics name it after the record ("Task Owner", "Activity - Assigned to user").
  '=assigned',
  'assignee',
  'assigned user',
  'assigned to user',
  'activity owner',
  'task owner',
  'call owner',
  'meeting owner',
  'event owner',
  'lead owner',
  'contact owner',
  'hubspot owner',
  'hubspot_owner_id',
  'owner alias',
  'owner full name',
  'owner: full name',
  'owneridname',
  'sales owner',
  'sales representative',
  'user',
  'user_name',
  'ownerid',
  'owner id',
  'owning user',
  '负责人',
  '负责人姓名',
  '销售',
  '销售员',
  '销售人员',
  '销售代表',
  '销售负责人',
  '业务员',
  '所有人',
  '拥有者',
  '跟进人',
  '执行人',
  '归属人',
  '客户经理',
  // Warehouse-style exports name the rep by key only (Adventure Works' EmployeeKey).
  'employeekey',
  'employee key',
  'salespersonkey',
  'salesperson key',
  'employee id',
  'employeeid',
];

/**
 * The activity metrics a rep KPI summary's columns are recognised as (field ids of `rep_kpis`);
 * any other numeric column is kept under its header text.
 */
export const REP_KPI_METRICS = [
  'calls',
  'connected_calls',
  'talk_time',
  'emails',
  'meetings_booked',
  'meetings',
  'visits',
  'opportunities_created',
  'deals_won',
  'revenue',
] as const;
export type RepKpiMetric = (typeof REP_KPI_METRICS)[number];

export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: 'deals',
    signature: ['stage', 'amount', 'close_date'],
    alternatives: [['stage'], ['status'], ['close_date', 'amount']],
    nameParts: { owner: ['given_name', 'family_name'] },
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
      f('stage', false, 'Stage', '销售阶段', 'text', [
        'stage',
        'stagename',
        'stage name',
        'deal stage',
        'deal_stage',
        'deal - stage',
        '销售阶段',
        '阶段',
        '商机阶段',
      ]),
      // Many CRMs keep the outcome in a status (won / lost / open, Customer, Disqualified) beside
      // a stage that is only filled while the deal is open; the status stands in when the stage is empty.
      f('status', false, 'Status', '状态', 'text', [
        'status',
        'deal - status',
        'deal status',
        'statuscode',
        'status reason',
        'lead status',
        '状态',
        '商机状态',
        '赢单状态',
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
        'salesamount',
        'sales amount',
        'line total',
        'linetotal',
        'extended amount',
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
        'date closed',
        'closed date',
        'closed on',
        'deal closed on',
        'close time',
        '结单日期',
        '实际结单日期',
        '关闭日期',
        '结束日期',
        '成交日期',
        // Order and invoice exports: every row is a sale, dated when it was ordered.
        'order date',
        'orderdate',
        'invoice date',
        'invoicedate',
        '订单日期',
        '下单日期',
      ]),
      // When the outcome was reached, in the columns CRMs that have no single close date keep it:
      // Pipedrive's won time and lost time, a status change date. A closed deal is dated by its
      // close date, else the date of its own outcome, else its status change (deals-writer.ts), so
      // a lost deal never drops out of a period because its date sits in a column won deals leave empty.
      f('won_date', false, 'Won date', '赢单日期', 'date', [
        'won time',
        'deal - won time',
        'won date',
        'date won',
        'won on',
        'closed won date',
        '赢单日期',
        '赢单时间',
      ]),
      f('lost_date', false, 'Lost date', '输单日期', 'date', [
        'lost time',
        'deal - lost time',
        'lost date',
        'date lost',
        'lost on',
        'closed lost date',
        '输单日期',
        '输单时间',
        '丢单日期',
        '丢单时间',
      ]),
      f('status_changed_date', false, 'Status change date', '状态变更日期', 'date', [
        'status change date',
        'status changed',
        'status changed on',
        'status change time',
        'status date',
        'last status change',
        'date of status change',
        '状态变更日期',
        '状态变更时间',
        '状态变更',
        '状态更新时间',
      ]),
      f('expected_close_date', false, 'Expected close date', '预计成交日期', 'date', [
        'expected close date',
        'est. close date',
        'estimated close date',
        'estimatedclosedate',
        'forecast close date',
        '预计成交日期',
        '预计结单日期',
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
        'resellerkey',
        'reseller key',
        'reseller',
        'customerkey',
        'customer key',
        'customer id',
        'customerid',
        'accountid',
        'account id',
      ]),
      f('name', false, 'Deal name', '商机名称', 'text', [
        'opportunity name',
        'name',
        'deal name',
        'deal - title',
        'topic',
        '商机名称',
        '机会名称',
        '销售机会',
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
      // "Probability, %" (normalised "probability") only as the whole header: inside one it would
      // take "Probability Weighted Amount" (money) for a percentage.
      f('probability', false, 'Win probability', '赢率', 'number', [
        '=probability',
        'win probability',
        'deal probability',
        'deal - probability',
        'opportunity probability',
        'close probability',
        'closing probability',
        'forecast probability',
        'probability of close',
        'probability of closing',
        'probability of winning',
        'probability percent',
        'win likelihood',
        'likelihood to close',
        '赢率',
        '赢单率',
        '赢单概率',
        '成交概率',
        '成交可能性',
        '赢单可能性',
      ]),
      f('product', false, 'Product', '产品', 'text', ['product', 'product name', '产品']),
      f('deal_type', false, 'Type (new / existing)', '类型（新客户/老客户）', 'text', [
        'type',
        'opportunity type',
        'deal type',
        'dealtype',
        '商机类型',
      ]),
      ...nameFields(['owner', 'opportunity owner', 'deal owner'], '负责人名', '负责人姓'),
    ],
  },
  {
    kind: 'activities',
    signature: ['activity_type', 'activity_date'],
    nameParts: { owner: ['given_name', 'family_name'] },
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
      {
        ...f('duration', false, 'Duration (min)', '时长（分钟）', 'number', [
          'duration (min)',
          'duration',
          'durationinminutes',
          '时长',
        ]),
        unit: 'minutes',
      },
      // Salesforce tasks (CallDurationInSeconds), Zoho calls ("Call Duration (in seconds)") and
      // telephony exports give talk time in seconds; read as minutes, every call of a few seconds
      // would count as a conversation (callConnected).
      {
        ...f('duration_seconds', false, 'Duration (s)', '时长（秒）', 'number', [
          'calldurationinseconds',
          'call duration',
          'duration',
          'talk time',
          'call length',
          '通话时长',
          '时长',
        ]),
        unit: 'seconds',
      },
      ...nameFields(['owner', 'assigned to'], '负责人名', '负责人姓'),
    ],
  },
  {
    kind: 'reps',
    signature: ['manager', 'team', 'region', 'role', 'hire_date'],
    nameParts: { rep: ['given_name', 'family_name'] },
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
      f('alt_id', false, 'Second id (e.g. employee key)', '第二编号（如员工键）', 'id', [
        'employee key',
        'employeekey',
        'salespersonkey',
        'user id',
        'userid',
        'owner id',
        'ownerid',
      ]),
      f('rep', true, 'Rep', '销售', 'text', [
        ...OWNER.filter((o) => !/key|employee ?id|ownerid|owner id/.test(o)),
        'name',
        'full name',
        'employee',
        'employee name',
        'user full name',
        'display name',
        'staff name',
        '姓名',
        '员工',
        '员工姓名',
        '销售姓名',
        '人员姓名',
        '名字',
      ]),
      f('email', false, 'Email', '邮箱', 'text', ['email', 'e-mail', 'upn', '邮箱', '电子邮件']),
      f('team', false, 'Team', '团队', 'text', [
        'team',
        'sales team',
        'team name',
        'department',
        'department name',
        'dept',
        'division',
        'business unit',
        'sales group',
        'squad',
        'pod',
        '团队',
        '销售团队',
        '所属团队',
        '小组',
        '所属小组',
        '组别',
        '分组',
        '部门',
        '所属部门',
        '所在部门',
        '部门名称',
        '事业部',
      ]),
      f('manager', false, 'Manager', '经理', 'text', [
        'manager',
        'manager name',
        'managerid',
        'manager id',
        'manager.name',
        'sales manager',
        'line manager',
        'direct manager',
        'supervisor',
        'team lead',
        'team leader',
        'reports to',
        'reportsto',
        'reportsto.name',
        '经理',
        '主管',
        '上级',
        '直属上级',
        '直接上级',
        '直属领导',
        '上级领导',
        '汇报对象',
        '汇报人',
        '所属经理',
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
        'user role',
        'userrole.name',
        'role name',
        'job role',
        'designation',
        '岗位',
        '岗位名称',
        '职位',
        '职务',
        '角色',
        '职称',
      ]),
      f('hire_date', false, 'Hire date', '入职日期', 'date', [
        'hire date',
        'start date',
        'hiredate',
        'hired on',
        'date hired',
        'date of hire',
        'date of joining',
        'joining date',
        'date joined',
        'employment date',
        'employment start date',
        'seniority date',
        '入职日期',
        '入职时间',
        '到岗日期',
        '入司日期',
        '入职',
      ]),
      ...nameFields(['', 'employee', 'rep', 'sales rep'], '名', '姓'),
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
        'customerid',
        'resellerkey',
        'reseller key',
        'customerkey',
        'customer key',
        '客户编号',
      ]),
      f('account', true, 'Account', '客户', 'text', [
        'account name',
        'account',
        'name',
        'company',
        'company name',
        'organization',
        'customer name',
        'resellername',
        'reseller name',
        '客户名称',
        '客户',
        '公司名称',
      ]),
      f('industry', false, 'Industry', '行业', 'text', [
        'industry',
        'sector',
        'business type',
        'businesstype',
        '行业',
      ]),
      f('tier', false, 'Tier / segment', '客户等级', 'text', [
        'tier',
        'segment',
        'customer tier',
        'account tier',
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
      // Purchasing power, decision authority and need (the KPI engine's MAN score of an account);
      // values read by shared/import/parse-level.ts.
      f('employees', false, 'Number of employees', '员工人数', 'number', [
        'numberofemployees',
        'number of employees',
        'no of employees',
        'employees',
        'employee count',
        'headcount',
        '员工人数',
        '员工数',
        '员工数量',
        '员工规模',
        '人数规模',
        '公司人数',
      ]),
      f('authority', false, 'Decision authority', '决策权', 'text', [
        'decision authority',
        'decision making authority',
        'decision maker level',
        'decision maker',
        'decision role',
        'buying role',
        'authority level',
        'authority',
        '决策权',
        '决策权限',
        '决策层级',
        '决策角色',
        '决策人',
      ]),
      // Salesforce's account Rating is Hot / Warm / Cold: how much the account wants to buy.
      f('need', false, 'Need / interest', '需求强度', 'text', [
        'need',
        'needs',
        'need level',
        'strength of need',
        'need strength',
        'interest level',
        'level of interest',
        'rating',
        'account rating',
        'lead rating',
        'temperature',
        '需求强度',
        '需求程度',
        '需求',
        '客户意向',
        '意向度',
        '意向程度',
        '购买意向',
        '客户热度',
      ]),
    ],
  },
  {
    kind: 'quotas',
    signature: ['quota', 'period_start', 'year', 'm01', 'm12'],
    alternatives: [
      ['quota', 'period_start', 'period_end'],
      ['year', '@month'],
    ],
    nameParts: { rep: ['given_name', 'family_name'] },
    fields: [
      f('rep', true, 'Rep', '销售', 'text', [...OWNER, 'employee id', 'employeeid']),
      f('quota', false, 'Quota', '指标', 'number', [
        'quota',
        'target',
        'sales target',
        'quota amount',
        '指标',
        '目标',
        '业绩目标',
        '配额',
      ]),
      f('period_start', false, 'Period start', '期间开始', 'date', [
        'period start',
        'start date',
        'start',
        'from',
        '开始日期',
      ]),
      f('period_end', false, 'Period end', '期间结束', 'date', [
        'period end',
        'end date',
        'end',
        'to',
        '结束日期',
      ]),
      f('currency', false, 'Currency', '货币', 'text', ['currency', '币种', '货币']),
      f('year', false, 'Year (wide layout)', '年份（宽表）', 'number', [
        'year',
        'fiscal year',
        'fy',
        '年份',
        '年度',
      ]),
      f('m01', false, 'Month 1', '1月', 'number', [
        'm01',
        'm1',
        'jan',
        'january',
        '1月',
        '01月',
        'month 1',
        'month 01',
      ]),
      f('m02', false, 'Month 2', '2月', 'number', [
        'm02',
        'm2',
        'feb',
        'february',
        '2月',
        '02月',
        'month 2',
        'month 02',
      ]),
      f('m03', false, 'Month 3', '3月', 'number', [
        'm03',
        'm3',
        'mar',
        'march',
        '3月',
        '03月',
        'month 3',
        'month 03',
      ]),
      f('m04', false, 'Month 4', '4月', 'number', [
        'm04',
        'm4',
        'apr',
        'april',
        '4月',
        '04月',
        'month 4',
        'month 04',
      ]),
      f('m05', false, 'Month 5', '5月', 'number', [
        'm05',
        'm5',
        'may',
        'may',
        '5月',
        '05月',
        'month 5',
        'month 05',
      ]),
      f('m06', false, 'Month 6', '6月', 'number', [
        'm06',
        'm6',
        'jun',
        'june',
        '6月',
        '06月',
        'month 6',
        'month 06',
      ]),
      f('m07', false, 'Month 7', '7月', 'number', [
        'm07',
        'm7',
        'jul',
        'july',
        '7月',
        '07月',
        'month 7',
        'month 07',
      ]),
      f('m08', false, 'Month 8', '8月', 'number', [
        'm08',
        'm8',
        'aug',
        'august',
        '8月',
        '08月',
        'month 8',
        'month 08',
      ]),
      f('m09', false, 'Month 9', '9月', 'number', [
        'm09',
        'm9',
        'sep',
        'september',
        '9月',
        '09月',
        'month 9',
        'month 09',
      ]),
      f('m10', false, 'Month 10', '10月', 'number', [
        'm10',
        'm10',
        'oct',
        'october',
        '10月',
        '10月',
        'month 10',
        'month 10',
      ]),
      f('m11', false, 'Month 11', '11月', 'number', [
        'm11',
        'm11',
        'nov',
        'november',
        '11月',
        '11月',
        'month 11',
        'month 11',
      ]),
      f('m12', false, 'Month 12', '12月', 'number', [
        'm12',
        'm12',
        'dec',
        'december',
        '12月',
        '12月',
        'month 12',
        'month 12',
      ]),
      ...nameFields(['owner', 'rep', 'sales rep'], '名', '姓'),
    ],
  },
  {
    // One row per rep, one column per activity count for a month (Alysio's monthly report:
    // "Outbound Calls (last month)"). Every numeric column is kept; the metric fields below name
    // the columns that are known activity metrics (shared/import/rep-kpis.ts reads the layout).
    kind: 'rep_kpis',
    signature: [...REP_KPI_METRICS],
    nameParts: { rep: ['given_name', 'family_name'] },
    fields: [
      f('rep', true, 'Rep', '销售', 'text', [
        ...OWNER.filter((o) => !/key|id$|employee ?id/.test(o)),
        'name',
        'full name',
        'employee',
        'employee name',
        '姓名',
        '员工',
      ]),
      f('rep_id', false, 'Rep id', '销售编号', 'id', [
        'user id',
        'userid',
        'rep id',
        'employee id',
        'employeeid',
        'employee key',
        'employeekey',
        'owner id',
        'ownerid',
        '员工编号',
        '工号',
      ]),
      // "Month" only as the whole header: inside one, every "Calls (last month)" would match it.
      f('period', false, 'Month / period', '月份 / 期间', 'text', [
        'period',
        '=month',
        'report month',
        'reporting month',
        'reporting period',
        '月份',
        '统计月份',
        '期间',
        '月度',
      ]),
      f('period_start', false, 'Period start', '期间开始', 'date', [
        'period start',
        'start date',
        'from',
        '开始日期',
      ]),
      f('period_end', false, 'Period end', '期间结束', 'date', ['period end', 'end date', 'to', '结束日期']),
      // Specific spellings first, bare words last: "Outbound Calls" is the calls column, not
      // "Calls with Correct Contact" (connected calls).
      f('calls', false, 'Calls', '电话', 'number', [
        'outbound calls',
        'calls made',
        'phone calls',
        'total calls',
        'number of calls',
        'dials',
        'calls',
        '电话',
        '电话量',
        '外呼',
        '外呼量',
        '电话数量',
        '通话次数',
      ]),
      f('connected_calls', false, 'Connected calls', '接通电话', 'number', [
        'connected calls',
        'calls connected',
        'correct contact',
        'answered calls',
        'calls answered',
        'conversations',
        'connects',
        '接通',
        '接通数',
        '有效通话',
        '接通电话数',
      ]),
      f('talk_time', false, 'Talk time', '通话时长', 'number', [
        'talk time',
        'call time',
        'time on phone',
        'talk minutes',
        'call minutes',
        '通话时长',
      ]),
      f('emails', false, 'Emails', '邮件', 'number', [
        'emails sent',
        'outbound emails',
        'personalized emails',
        'emails',
        'e-mails',
        '邮件',
        '邮件数',
        '发送邮件',
      ]),
      f('meetings_booked', false, 'Meetings set', '预约会议', 'number', [
        'meetings set',
        'meeting set',
        'meetings booked',
        'meeting booked',
        'meetings scheduled',
        'appointments set',
        'appointments booked',
        'demos set',
        'demo set',
        '预约',
        '预约会议',
        '约见',
      ]),
      f('meetings', false, 'Meetings', '会议', 'number', [
        'meetings held',
        'meetings completed',
        'meeting completed',
        'meetings attended',
        'demos completed',
        'demo completed',
        'meetings',
        'demos',
        '会议',
        '会面',
        '面谈',
        '演示',
      ]),
      f('visits', false, 'Visits', '拜访', 'number', [
        'customer visits',
        'site visits',
        'field visits',
        'visits',
        '拜访',
        '拜访量',
        '拜访次数',
        '客户拜访',
        '上门',
      ]),
      f('opportunities_created', false, 'Opportunities created', '新建商机', 'number', [
        'opportunities created',
        'opportunity created',
        'opps created',
        'new opportunities',
        'deals created',
        'new deals',
        '新建商机',
        '新增商机',
        '商机数',
      ]),
      f('deals_won', false, 'Deals won', '赢单数', 'number', [
        'deals won',
        'won deals',
        'deals closed',
        'closed won',
        'wins',
        '赢单',
        '赢单数',
        '成交数',
        '签约数',
      ]),
      f('revenue', false, 'Revenue', '收入', 'number', [
        'won revenue',
        'closed revenue',
        'sales revenue',
        'revenue',
        'bookings',
        '收入',
        '销售额',
        '业绩',
        '成交金额',
      ]),
      ...nameFields(['rep', 'sales rep', 'user'], '名', '姓'),
    ],
  },
  {
    // Snapshots of opportunities (Salesforce OpportunityHistory, a stage-history report): one row
    // per deal and date it was recorded, with the stage, amount, close date and probability it
    // had then. The deal is named by its CRM id or name, never by a bare "Name" or "Id" column:
    // those are a deals file's own record. The snapshot date is a history column ("Snapshot
    // date", 快照日期), or the history row's created date (OpportunityHistory's CreatedDate),
    // which a deals file has too: with that alone and an owner column, the file stays deals. The
    // rep is the deal's owner, so an owner column is not read.
    kind: 'deal_history',
    signature: ['snapshot_date', 'forecast_category'],
    alternatives: [
      ['deal_id', 'snapshot_date'],
      ['deal_name', 'snapshot_date'],
      ['deal_id', 'created_date'],
      ['deal_name', 'created_date'],
    ],
    outranks: { kind: 'deals', when: ['snapshot_date'] },
    fields: [
      f('external_id', false, 'History row id', '历史记录编号', 'id', [
        'history id',
        'opportunity history id',
        'opportunityhistoryid',
        'snapshot id',
        '=id',
        '历史记录编号',
        '快照编号',
      ]),
      f('deal_id', false, 'Deal id', '商机编号', 'id', [
        'opportunityid',
        'opportunity id',
        'opportunity.id',
        'deal id',
        'deal - id',
        'dealid',
        'record id',
        '商机编号',
        '商机id',
        '机会编号',
      ]),
      f('deal_name', false, 'Deal name', '商机名称', 'text', [
        'opportunityname',
        'opportunity name',
        'opportunity.name',
        'deal name',
        'deal - title',
        // Bare words only as the whole header: "Opportunity Source", 商机阶段 are other columns.
        '=opportunity',
        '=deal',
        '商机名称',
        '机会名称',
        '销售机会',
        '关联商机',
        '所属商机',
        '=商机',
      ]),
      f('snapshot_date', false, 'Snapshot date', '快照日期', 'date', [
        'snapshot date',
        'snapshot',
        'as of date',
        'as of',
        'history date',
        'stage change date',
        'stage changed date',
        'date changed',
        'changed date',
        'change date',
        'edit date',
        'recorded date',
        'record date',
        '快照日期',
        '快照时间',
        '快照',
        '阶段变更日期',
        '阶段变更时间',
        '阶段变更',
        '变更日期',
        '变更时间',
        '历史日期',
        '商机历史日期',
        '记录日期',
      ]),
      // OpportunityHistory's CreatedDate: when the history row was written, i.e. the snapshot date.
      f('created_date', false, 'History row created', '历史记录创建日期', 'date', [
        'createddate',
        'created date',
        'created on',
        'created time',
        '=date',
        '创建日期',
        '创建时间',
        '=日期',
      ]),
      f('stage', false, 'Stage', '销售阶段', 'text', [
        'stagename',
        'stage name',
        'stage',
        'to stage',
        'new stage',
        'deal stage',
        'deal - stage',
        '销售阶段',
        '商机阶段',
        '变更后阶段',
        '阶段',
      ]),
      f('amount', false, 'Amount', '金额', 'number', [
        'amount',
        'deal value',
        'deal - value',
        'value',
        'opportunity amount',
        '商机金额',
        '金额',
        '预计金额',
      ]),
      f('currency', false, 'Currency', '货币', 'text', ['currency', 'currencyisocode', '币种', '货币']),
      f('expected_close_date', false, 'Expected close date', '预计成交日期', 'date', [
        'closedate',
        'close date',
        'expected close date',
        'expected close',
        'estimated close date',
        'forecast close date',
        '预计成交日期',
        '预计结单日期',
        '结单日期',
        '成交日期',
      ]),
      // As for deals: "Probability, %" only as the whole header, never inside "Probability Weighted Amount".
      f('probability', false, 'Win probability', '赢率', 'number', [
        '=probability',
        'win probability',
        'deal probability',
        'deal - probability',
        'opportunity probability',
        'probability percent',
        '赢率',
        '赢单率',
        '赢单概率',
        '成交概率',
      ]),
      f('forecast_category', false, 'Forecast category', '预测类别', 'text', [
        'forecastcategory',
        'forecast category',
        'forecastcategoryname',
        'forecast category name',
        '预测类别',
        '预测分类',
        '预测类型',
      ]),
    ],
  },
];

export const MONTH_FIELDS = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

/**
 * The fields still to map before a file of this kind can be imported: missing required fields,
 * and, when no alternative group is complete, the missing fields of the closest group.
 */
export function missingFields(spec: KindSpec, mapping: Readonly<Record<string, string | null>>): string[] {
  const mapped = (id: string): boolean =>
    id === '@month' ? MONTH_FIELDS.some((m) => Boolean(mapping[m])) : Boolean(mapping[id]);
  // A split name counts as the whole name once its family-name part is mapped.
  const present = (id: string): boolean =>
    mapped(id) || Boolean(spec.nameParts?.[id] && mapped(spec.nameParts[id][1]));
  const missing = spec.fields.filter((f) => f.required && !present(f.id)).map((f) => f.id);
  if (spec.alternatives && !spec.alternatives.some((group) => group.every(mapped))) {
    const closest = [...spec.alternatives].sort(
      (a, b) => a.filter((id) => !mapped(id)).length - b.filter((id) => !mapped(id)).length,
    )[0] as string[];
    missing.push(...closest.filter((id) => !mapped(id)).map((id) => (id === '@month' ? 'm01' : id)));
  }
  return missing;
}

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

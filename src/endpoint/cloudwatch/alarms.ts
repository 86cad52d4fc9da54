/**
 * CloudWatch metric alarms over the endpoint's metrics (docs/aws-behaviour.md §7.3): PutMetricAlarm,
 * DescribeAlarms and DeleteAlarms, with each alarm's state evaluated from the stored data when it is
 * described, the way CloudWatch documents alarm evaluation
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html, read 2026-12-07):
 * the last EvaluationPeriods periods, M of N (DatapointsToAlarm), and TreatMissingData. Alarms on metric math
 * (`Metrics`) and anomaly bands are refused; actions are stored and never run. Pure: timestamps come in.
 */
import { combination, fail, invalidNextToken, invalidValue, missing } from './errors.js';
import {
  type Json,
  offsetToken,
  optionalList,
  optionalNumber,
  optionalString,
  parseDimensions,
  parseUnit,
  readOffsetToken,
  requiredString,
} from './input.js';
import {
  type MetricIdentity,
  type MetricStatistic,
  type MetricStore,
  parseStatistic,
} from './metrics-store.js';

const COMPARISONS = {
  GreaterThanOrEqualToThreshold: {
    test: (v: number, t: number) => v >= t,
    words: 'greater than or equal to',
  },
  GreaterThanThreshold: { test: (v: number, t: number) => v > t, words: 'greater than' },
  LessThanThreshold: { test: (v: number, t: number) => v < t, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v: number, t: number) => v <= t, words: 'less than or equal to' },
} as const;
type Comparison = keyof typeof COMPARISONS;
const TREAT_MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
/** Alarm periods CloudWatch accepts: 10, 20, 30 or a multiple of 60 seconds (PutMetricAlarm reference). */
const ALARM_SUB_MINUTE_PERIODS: ReadonlySet<number> = new Set([10, 20, 30]);
/** DescribeAlarms' page size when MaxRecords is absent (assumption: AWS documents 1-100, not the default). */
const DEFAULT_MAX_RECORDS = 50;
const MAX_ALARM_NAMES = 100;

type StateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

interface Alarm {
  name: string;
  description: string | undefined;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  identity: MetricIdentity;
  statisticName: string;
  extended: boolean;
  statistic: MetricStatistic;
  periodSec: number;
  unit: string | undefined;
  evaluationPeriods: number;
  datapointsToAlarm: number | undefined;
  threshold: number;
  comparison: Comparison;
  treatMissingData: (typeof TREAT_MISSING)[number] | undefined;
  configuredEpochMs: number;
  state: StateValue;
  stateReason: string;
  stateUpdatedEpochMs: number;
}

function stringList(input: Json, key: string): string[] {
  return (optionalList(input, key, key) ?? []).map((item, i) => {
    if (typeof item !== 'string')
      fail(invalidValue(`The parameter ${key}.member.${i + 1} must be a string.`));
    return item;
  });
}

/** `dd/MM/yy HH:mm:ss` in UTC, as CloudWatch writes data points in a StateReason. */
function reasonTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
}

/** The metric alarms of one endpoint. */
export class CloudWatchAlarms {
  private readonly store: MetricStore;
  private readonly arnPrefix: string;
  private readonly alarms = new Map<string, Alarm>();

  /**
   * @param store - the metrics alarms watch
   * @param region - for AlarmArn
   * @param accountId - for AlarmArn
   */
  constructor(store: MetricStore, region: string, accountId: string) {
    this.store = store;
    this.arnPrefix = `arn:aws:cloudwatch:${region}:${accountId}:alarm:`;
  }

  /** PutMetricAlarm: creates or replaces the alarm (a replaced alarm starts over in INSUFFICIENT_DATA). */
  put(input: Json, nowEpochMs: number): void {
    const name = requiredString(input, 'AlarmName', 'AlarmName');
    if (name.length > 255) fail(invalidValue('The parameter AlarmName must be at most 255 characters.'));
    if (input['Metrics'] !== undefined && input['Metrics'] !== null) {
      fail(
        invalidValue('Metrics: the busload emulator does not serve alarms on metric math; use MetricName.'),
      );
    }
    const comparisonText = requiredString(input, 'ComparisonOperator', 'ComparisonOperator');
    if (!(comparisonText in COMPARISONS)) {
      fail(
        invalidValue(
          `The value ${comparisonText} for parameter ComparisonOperator is invalid: the busload emulator serves ` +
            'GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold and LessThanOrEqualToThreshold.',
        ),
      );
    }
    const identity: MetricIdentity = {
      namespace: requiredString(input, 'Namespace', 'Namespace'),
      metricName: requiredString(input, 'MetricName', 'MetricName'),
      dimensions: parseDimensions(optionalList(input, 'Dimensions', 'Dimensions'), 'Dimensions'),
    };
    const basic = optionalString(input, 'Statistic', 'Statistic');
    const extendedName = optionalString(input, 'ExtendedStatistic', 'ExtendedStatistic');
    if ((basic === undefined) === (extendedName === undefined)) {
      fail(combination('Exactly one of the parameters Statistic and ExtendedStatistic must be specified.'));
    }
    const statisticName = (basic ?? extendedName)!;
    const statistic = parseStatistic(statisticName);
    if (statistic === null || (basic !== undefined) !== (statistic.kind !== 'percentile')) {
      fail(
        invalidValue(
          `The value ${statisticName} for parameter ${basic !== undefined ? 'Statistic' : 'ExtendedStatistic'} is invalid.`,
        ),
      );
    }
    const periodSec = optionalNumber(input, 'Period', 'Period');
    if (periodSec === undefined) fail(missing('Period'));
    if (
      !Number.isInteger(periodSec) ||
      (!ALARM_SUB_MINUTE_PERIODS.has(periodSec) && (periodSec < 60 || periodSec % 60 !== 0))
    ) {
      fail(
        invalidValue(
          `The value ${periodSec} for parameter Period is invalid: it must be 10, 20, 30, or a multiple of 60.`,
        ),
      );
    }
    const evaluationPeriods = optionalNumber(input, 'EvaluationPeriods', 'EvaluationPeriods');
    if (evaluationPeriods === undefined) fail(missing('EvaluationPeriods'));
    if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
      fail(invalidValue(`The value ${evaluationPeriods} for parameter EvaluationPeriods is invalid.`));
    }
    const datapointsToAlarm = optionalNumber(input, 'DatapointsToAlarm', 'DatapointsToAlarm');
    if (
      datapointsToAlarm !== undefined &&
      (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)
    ) {
      fail(invalidValue('The parameter DatapointsToAlarm must be 1 to EvaluationPeriods.'));
    }
    const threshold = optionalNumber(input, 'Threshold', 'Threshold');
    if (threshold === undefined) fail(missing('Threshold'));
    const treat = optionalString(input, 'TreatMissingData', 'TreatMissingData');
    if (treat !== undefined && !(TREAT_MISSING as readonly string[]).includes(treat)) {
      fail(invalidValue(`The value ${treat} for parameter TreatMissingData is invalid.`));
    }
    const actionsEnabled = input['ActionsEnabled'];
    if (actionsEnabled !== undefined && actionsEnabled !== null && typeof actionsEnabled !== 'boolean') {
      fail(invalidValue('The parameter ActionsEnabled must be a boolean.'));
    }
    this.alarms.set(name, {
      name,
      description: optionalString(input, 'AlarmDescription', 'AlarmDescription'),
      actionsEnabled: actionsEnabled !== false,
      okActions: stringList(input, 'OKActions'),
      alarmActions: stringList(input, 'AlarmActions'),
      insufficientDataActions: stringList(input, 'InsufficientDataActions'),
      identity,
      statisticName,
      extended: basic === undefined,
      statistic,
      periodSec,
      unit: parseUnit(input, 'Unit'),
      evaluationPeriods,
      datapointsToAlarm,
      threshold,
      comparison: comparisonText as Comparison,
      treatMissingData: treat as Alarm['treatMissingData'],
      configuredEpochMs: nowEpochMs,
      state: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdatedEpochMs: nowEpochMs,
    });
  }

  /** DeleteAlarms: every name must exist, else nothing is deleted (ResourceNotFound). */
  remove(input: Json): void {
    const names = stringList(input, 'AlarmNames');
    if (names.length === 0) fail(missing('AlarmNames'));
    const unknown = names.filter((name) => !this.alarms.has(name));
    if (unknown.length > 0) {
      fail({
        httpStatus: 404,
        code: 'ResourceNotFound',
        queryCode: 'ResourceNotFound',
        message: `${unknown.length} of the alarms specified do not exist: [${unknown.join(', ')}]`,
      });
    }
    for (const name of names) this.alarms.delete(name);
  }

  /** DescribeAlarms: filters by names or a prefix, state and action prefix; pages of MaxRecords. */
  describe(input: Json, nowEpochMs: number): Json {
    const names = stringList(input, 'AlarmNames');
    const prefix = optionalString(input, 'AlarmNamePrefix', 'AlarmNamePrefix');
    if (names.length > 0 && prefix !== undefined) {
      fail(combination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.'));
    }
    if (names.length > MAX_ALARM_NAMES) {
      fail(invalidValue(`The collection AlarmNames must not have a size greater than ${MAX_ALARM_NAMES}.`));
    }
    const stateValue = optionalString(input, 'StateValue', 'StateValue');
    if (stateValue !== undefined && !['OK', 'ALARM', 'INSUFFICIENT_DATA'].includes(stateValue)) {
      fail(invalidValue(`The value ${stateValue} for parameter StateValue is invalid.`));
    }
    const actionPrefix = optionalString(input, 'ActionPrefix', 'ActionPrefix');
    const types = stringList(input, 'AlarmTypes');
    const maxRecords = optionalNumber(input, 'MaxRecords', 'MaxRecords') ?? DEFAULT_MAX_RECORDS;
    if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > 100) {
      fail(invalidValue(`The value ${maxRecords} for parameter MaxRecords is invalid: it must be 1 to 100.`));
    }
    const offset = readOffsetToken(optionalString(input, 'NextToken', 'NextToken'));
    const wantMetricAlarms = types.length === 0 || types.includes('MetricAlarm');
    const matching = [...this.alarms.values()]
      .filter(
        (alarm) =>
          wantMetricAlarms &&
          (names.length === 0 || names.includes(alarm.name)) &&
          (prefix === undefined || alarm.name.startsWith(prefix)) &&
          (actionPrefix === undefined ||
            [...alarm.alarmActions, ...alarm.okActions, ...alarm.insufficientDataActions].some((action) =>
              action.startsWith(actionPrefix),
            )),
      )
      .map((alarm) => this.evaluate(alarm, nowEpochMs))
      .filter((alarm) => stateValue === undefined || alarm.state === stateValue)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (offset > matching.length) invalidNextToken();
    const output: Json = {
      MetricAlarms: matching.slice(offset, offset + maxRecords).map((alarm) => this.render(alarm)),
      CompositeAlarms: [],
    };
    if (offset + maxRecords < matching.length) output['NextToken'] = offsetToken(offset + maxRecords);
    return output;
  }

  /**
   * The alarm's state now: the statistic of each of the last EvaluationPeriods whole periods; a period
   * without data counts as TreatMissingData says (default `missing`: not counted; with no data at all the
   * state is INSUFFICIENT_DATA; `ignore` keeps the state). ALARM when at least DatapointsToAlarm (default
   * EvaluationPeriods) periods breach, else OK.
   */
  private evaluate(alarm: Alarm, nowEpochMs: number): Alarm {
    const periodMs = alarm.periodSec * 1000;
    const endMs = nowEpochMs - (nowEpochMs % periodMs);
    const startMs = endMs - alarm.evaluationPeriods * periodMs;
    const points = this.store.query({
      identity: alarm.identity,
      statistic: alarm.statistic,
      periodSec: alarm.periodSec,
      startEpochMs: startMs,
      endEpochMs: endMs,
      unit: alarm.unit,
    });
    const compare = COMPARISONS[alarm.comparison];
    const breaching = points.filter((point) => compare.test(point.value, alarm.threshold));
    const missingCount = alarm.evaluationPeriods - points.length;
    const treat = alarm.treatMissingData ?? 'missing';
    const needed = alarm.datapointsToAlarm ?? alarm.evaluationPeriods;
    let next: StateValue;
    if (points.length === 0 && (treat === 'missing' || treat === 'ignore')) {
      next = treat === 'ignore' ? alarm.state : 'INSUFFICIENT_DATA';
    } else {
      const breaches = breaching.length + (treat === 'breaching' ? missingCount : 0);
      next = breaches >= needed ? 'ALARM' : 'OK';
    }
    if (next !== alarm.state) {
      const shown = points
        .slice()
        .reverse()
        .map((point) => `${point.value} (${reasonTime(point.timestampEpochMs)})`)
        .join(', ');
      alarm.stateReason =
        next === 'INSUFFICIENT_DATA'
          ? `Insufficient Data: ${alarm.evaluationPeriods} datapoint${alarm.evaluationPeriods === 1 ? ' was' : 's were'} unknown.`
          : `Threshold Crossed: ${next === 'ALARM' ? breaching.length : points.length - breaching.length} out of the last ` +
            `${alarm.evaluationPeriods} datapoints [${shown}] ${next === 'ALARM' ? 'was' : 'was not'} ${compare.words} ` +
            `the threshold (${alarm.threshold}) (minimum ${needed} datapoint${needed === 1 ? '' : 's'} for ` +
            `${alarm.state} -> ${next} transition).`;
      alarm.state = next;
      alarm.stateUpdatedEpochMs = nowEpochMs;
    }
    return alarm;
  }

  private render(alarm: Alarm): Json {
    const out: Json = {
      AlarmName: alarm.name,
      AlarmArn: `${this.arnPrefix}${alarm.name}`,
      ...(alarm.description === undefined ? {} : { AlarmDescription: alarm.description }),
      AlarmConfigurationUpdatedTimestamp: new Date(alarm.configuredEpochMs),
      ActionsEnabled: alarm.actionsEnabled,
      OKActions: alarm.okActions,
      AlarmActions: alarm.alarmActions,
      InsufficientDataActions: alarm.insufficientDataActions,
      StateValue: alarm.state,
      StateReason: alarm.stateReason,
      StateUpdatedTimestamp: new Date(alarm.stateUpdatedEpochMs),
      MetricName: alarm.identity.metricName,
      Namespace: alarm.identity.namespace,
      ...(alarm.extended ? { ExtendedStatistic: alarm.statisticName } : { Statistic: alarm.statisticName }),
      Dimensions: alarm.identity.dimensions,
      Period: alarm.periodSec,
      ...(alarm.unit === undefined ? {} : { Unit: alarm.unit }),
      EvaluationPeriods: alarm.evaluationPeriods,
      ...(alarm.datapointsToAlarm === undefined ? {} : { DatapointsToAlarm: alarm.datapointsToAlarm }),
      Threshold: alarm.threshold,
      ComparisonOperator: alarm.comparison,
      ...(alarm.treatMissingData === undefined ? {} : { TreatMissingData: alarm.treatMissingData }),
      StateTransitionedTimestamp: new Date(alarm.stateUpdatedEpochMs),
    };
    return out;
  }
}

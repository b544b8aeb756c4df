// What operators are told, and where they look. Every alert is a log search over Application Insights: the
// Trax metrics (TraxFunctions/Telemetry/TraxMetrics.cs) land in customMetrics with their dimensions, and the
// Functions host records each HTTP invocation in requests. docs/deploy-and-monitor.md says what each alert means
// and what to do about it.
import { workbookContent } from 'workbook.bicep'

param namePrefix string
param actionGroupName string
param location string
param tags object
param applicationInsightsName string
param alertEmail string
param queueName string
param forwardQueueName string

@minValue(1)
@maxValue(24)
param silentHours int = 6

@minValue(1)
@maxValue(100)
param maxServerErrorPercent int = 5

@minValue(1)
@maxValue(100)
param maxRejectedPercent int = 20

@description('Minutes the message at the front of the postback queue may wait before the processor counts as stalled.')
@minValue(2)
@maxValue(1440)
param maxQueueAgeMinutes int = 10

@description('Percentage of a forward\'s attempts in an hour that may fail (retried or failed) before it alerts.')
@minValue(1)
@maxValue(100)
param maxForwardFailurePercent int = 20

@description('Fewest postbacks (or requests) in a window before a percentage means anything.')
param minimumSample int = 20

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'trax'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// Each rule: a query whose rows are the problem; it fires when it returns any row.
var rules = [
  {
    name: 'poison-messages'
    displayName: 'Trax: postbacks in the poison queue'
    description: 'A postback failed processing maxDequeueCount (host.json) times and was moved to ${queueName}-poison. It is not lost, but it is not stored as a conversion until someone looks.'
    severity: 1
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "trax.queue.depth" and tostring(customDimensions["kind"]) == "poison" and value > 0 | project timestamp, queue = tostring(customDimensions["queue"]), depth = value'
    dimensions: []
  }
  {
    name: 'forward-dead-letters'
    displayName: 'Trax: forward jobs dead-lettered'
    description: 'A forward job ran out of retries (24 h) or could not be read, and is in ${forwardQueueName}-poison with its last error: a destination did not get a conversion. The delivery log says why; fix the destination, then replay the conversion.'
    severity: 2
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "trax.queue.depth" and tostring(customDimensions["kind"]) == "forwards-poison" and value > 0 | project timestamp, queue = tostring(customDimensions["queue"]), depth = value'
    dimensions: []
  }
  {
    name: 'forward-failures'
    displayName: 'Trax: a forward keeps failing'
    description: 'More than ${maxForwardFailurePercent}% of a forward\'s attempts failed in the last hour (timeouts, 5xx, refusals): its destination is down or its template is wrong. Deliveries are retried for 24 h.'
    severity: 2
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
    query: 'customMetrics | where name in ("trax.forwards.delivered", "trax.forwards.retried", "trax.forwards.failed") | extend forward = tostring(customDimensions["forward"]) | summarize delivered = sumif(valueSum, name == "trax.forwards.delivered"), failing = sumif(valueSum, name != "trax.forwards.delivered") by forward | where delivered + failing >= ${minimumSample} | extend failedPercent = 100.0 * failing / (delivered + failing) | where failedPercent > ${maxForwardFailurePercent}'
    dimensions: [
      {
        name: 'forward'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
  {
    name: 'processor-stalled'
    displayName: 'Trax: postbacks wait in the queue'
    description: 'The postback at the front of ${queueName} has waited more than ${maxQueueAgeMinutes} minutes: ProcessPostback is not keeping up or not running (intake still answers 200, so networks see nothing wrong). Nothing is lost while it waits; conversions are stored once processing resumes.'
    severity: 1
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "trax.queue.oldest_age" and tostring(customDimensions["kind"]) == "main" | summarize age = max(value) by queue = tostring(customDimensions["queue"]) | where age > ${maxQueueAgeMinutes * 60}'
    dimensions: []
  }
  {
    name: 'server-errors'
    displayName: 'Trax: HTTP 5xx rate'
    description: 'More than ${maxServerErrorPercent}% of HTTP requests answered 5xx (503 means storage was unreachable; networks retry, but some give up).'
    severity: 1
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'requests | where isnotempty(url) | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= ${minimumSample} | extend failedPercent = 100.0 * failed / total | where failedPercent > ${maxServerErrorPercent}'
    dimensions: []
  }
  {
    name: 'rejection-spike'
    displayName: 'Trax: rejected postbacks spike'
    description: 'More than ${maxRejectedPercent}% of postbacks were rejected in the last hour: a network probably changed its postback template (look at the reasons).'
    severity: 2
    windowSize: 'PT1H'
    evaluationFrequency: 'PT15M'
    query: 'customMetrics | where name in ("trax.postbacks.accepted", "trax.postbacks.rejected") | summarize accepted = sumif(valueSum, name == "trax.postbacks.accepted"), rejected = sumif(valueSum, name == "trax.postbacks.rejected") | where accepted + rejected >= ${minimumSample} | extend rejectedPercent = 100.0 * rejected / (accepted + rejected) | where rejectedPercent > ${maxRejectedPercent}'
    dimensions: []
  }
  {
    name: 'silent-network'
    displayName: 'Trax: a network went silent'
    description: 'A network that sent postbacks in the last two days has sent none for ${silentHours} hours: its postbacks may be failing on its side, or pointed elsewhere.'
    severity: 2
    windowSize: 'PT${silentHours}H'
    evaluationFrequency: 'PT1H'
    // Looks back two days (overrideQueryTimeRange) to know which networks normally talk.
    query: 'customMetrics | where name == "trax.postbacks.accepted" | extend network = tostring(customDimensions["network"]) | summarize lastAccepted = max(timestamp) by network | where lastAccepted < ago(${silentHours}h)'
    dimensions: [
      {
        name: 'network'
        operator: 'Include'
        values: [
          '*'
        ]
      }
    ]
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsights.id
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      overrideQueryTimeRange: rule.name == 'silent-network' ? 'P2D' : null
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            dimensions: rule.dimensions
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// The operators' page, its charts in workbook.bicep. Azure portal: the resource group > Workbooks > "Trax operations".
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, namePrefix, 'trax-operations')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Trax operations'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbookContent)
  }
}

output actionGroupId string = actionGroup.id
output alertNames string[] = [for (rule, i) in rules: alerts[i].name]
output workbookId string = workbook.id

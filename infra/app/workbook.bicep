// The operators' page, the workbook "Trax operations": intake by type and network, rejects by reason, duplicates and
// orphans, status changes and uploads, latency, queue depths. Its content only: alerts.bicep imports workbookContent
// at compile time and deploys the workbook beside the alerts (Azure portal: the resource group > Workbooks).
var workbookQueries = [
  {
    title: 'Postbacks accepted by type and network'
    query: 'customMetrics | where name == "trax.postbacks.accepted" | summarize accepted = sum(valueSum) by bin(timestamp, 15m), series = strcat(tostring(customDimensions["type"]), " / ", tostring(customDimensions["network"])) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Postbacks rejected by reason'
    query: 'customMetrics | where name == "trax.postbacks.rejected" | summarize rejected = sum(valueSum) by bin(timestamp, 15m), reason = tostring(customDimensions["reason"]) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Conversions stored, duplicates and orphans'
    query: 'customMetrics | where name in ("trax.conversions.created", "trax.conversions.duplicates", "trax.conversions.orphans") | summarize count_ = sum(valueSum) by bin(timestamp, 15m), name | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Conversions updated, by status change (reversals are "to rejected")'
    query: 'customMetrics | where name == "trax.conversions.updated" | summarize updated = sum(valueSum) by bin(timestamp, 15m), change = strcat(tostring(customDimensions["from"]), " → ", tostring(customDimensions["to"])) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Forwards: delivered, retried and failed, by forward'
    query: 'customMetrics | where name in ("trax.forwards.delivered", "trax.forwards.retried", "trax.forwards.failed") | summarize jobs = sum(valueSum) by bin(timestamp, 15m), series = strcat(tostring(customDimensions["forward"]), " ", name) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Forward latency by forward (ms)'
    query: 'customMetrics | where name == "trax.forwards.latency" | summarize average = sum(valueSum) / sum(valueCount), slowest = max(valueMax) by bin(timestamp, 15m), forward = tostring(customDimensions["forward"]) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Conversion upload rows, queued and rejected'
    query: 'customMetrics | where name == "trax.uploads.rows" | summarize rows_ = sum(valueSum) by bin(timestamp, 1h), outcome = tostring(customDimensions["outcome"]) | render columnchart'
    visualization: 'columnchart'
  }
  {
    title: 'Processing latency, received to stored (ms)'
    query: 'customMetrics | where name == "trax.conversions.latency" | summarize average = sum(valueSum) / sum(valueCount), slowest = max(valueMax) by bin(timestamp, 15m) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Queue depths (postbacks and poison)'
    query: 'customMetrics | where name == "trax.queue.depth" | summarize depth = max(value) by bin(timestamp, 5m), queue = tostring(customDimensions["queue"]) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'Age of the oldest queued postback (s)'
    query: 'customMetrics | where name == "trax.queue.oldest_age" | summarize age = max(value) by bin(timestamp, 5m), queue = tostring(customDimensions["queue"]) | render timechart'
    visualization: 'timechart'
  }
  {
    title: 'HTTP answers by status'
    query: 'requests | where isnotempty(url) | summarize requests = count() by bin(timestamp, 15m), resultCode | render timechart'
    visualization: 'timechart'
  }
]

@export()
var workbookContent = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 1
        name: 'intro'
        content: {
          json: '## Trax operations\nIntake, rejects, duplicates, status changes, uploads, latency and queue depths. docs/deploy-and-monitor.md explains each alert.'
        }
      }
    ],
    map(range(0, length(workbookQueries)), i => {
      type: 3
      name: 'query-${i}'
      content: {
        version: 'KqlItem/1.0'
        title: workbookQueries[i].title
        query: workbookQueries[i].query
        size: 0
        timeContext: {
          durationMs: 86400000
        }
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: workbookQueries[i].visualization
      }
    })
  )
  isLocked: false
}

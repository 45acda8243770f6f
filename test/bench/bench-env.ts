// Imported first by bench.ts, so it runs before any module builds its Logger or Metrics. The injected
// store faults would log thousands of expected errors (their figures count them); and in Lambda each
// function writes its own metrics line per invocation, where here one process would print thousands of
// them into the bench's output, costing the CPU the figures measure.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

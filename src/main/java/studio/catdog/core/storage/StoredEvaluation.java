package studio.catdog.core.storage;

import java.time.Instant;
import studio.catdog.core.evaluation.EvaluationReport;

/**
 * One kept evaluation.
 *
 * @param report the evaluation
 * @param evaluatedAt when it was kept
 */
public record StoredEvaluation(EvaluationReport report, Instant evaluatedAt) {}

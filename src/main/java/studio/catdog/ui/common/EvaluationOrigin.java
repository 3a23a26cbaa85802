package studio.catdog.ui.common;

import java.time.Instant;

/**
 * Where the evaluation on show comes from.
 *
 * @param kept whether it was put back from the cache (else it was made in this session)
 * @param at when it was made
 */
public record EvaluationOrigin(boolean kept, Instant at) {}

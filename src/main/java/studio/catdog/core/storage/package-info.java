/**
 * Model folders on disk: the manifest ({@code model.json}), the head's parameters and the novelty reference,
 * written atomically and checked field by field on load. Depends on {@code core.model}, {@code core.backbone},
 * {@code core.training} and {@code core.evaluation}.
 */
package studio.catdog.core.storage;

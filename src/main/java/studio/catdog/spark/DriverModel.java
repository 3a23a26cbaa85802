package studio.catdog.spark;

import studio.catdog.core.storage.ModelManifest;

/**
 * A shipped model and what its folder says.
 *
 * @param shipped what travels with the tasks
 * @param manifest the model's manifest
 */
record DriverModel(ShippedModel shipped, ModelManifest manifest) {}

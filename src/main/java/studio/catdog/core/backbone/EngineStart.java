package studio.catdog.core.backbone;

/**
 * What the one engine start of this process decided and found.
 *
 * @param plan the plan applied
 * @param choice the device choice at the start
 * @param engineGpus the GPUs the started engine can use
 */
record EngineStart(DevicePlan plan, DeviceChoice choice, int engineGpus) {}

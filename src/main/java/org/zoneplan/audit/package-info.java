/**
 * The audit log: every write and export recorded in the writer's transaction ({@code audit_log}),
 * and its read API for ADMIN.
 */
package org.zoneplan.audit;

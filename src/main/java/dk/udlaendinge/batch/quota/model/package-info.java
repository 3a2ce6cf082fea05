/**
 * The quota method as plain Java, no Spring and no files written: the inputs read and
 * checked ({@link dk.udlaendinge.batch.quota.model.QuotaInputs} with its strict format
 * {@link dk.udlaendinge.batch.quota.model.StrictCsv}), the orders
 * ({@link dk.udlaendinge.batch.quota.model.QuotaOrder}), the key
 * ({@link dk.udlaendinge.batch.quota.model.QuotaCalculator},
 * {@link dk.udlaendinge.batch.quota.model.DistributionKey}), the result and one revision
 * of it ({@link dk.udlaendinge.batch.quota.model.QuotaResult},
 * {@link dk.udlaendinge.batch.quota.model.QuotaRevision}). See docs/QUOTA-KEY.md.
 *
 * <p>
 * It is its own package so that the quota code depends one way: the job in {@code quota}
 * uses its files and workbooks in {@code quota.internal}, and both use this model, which
 * knows neither. While the model sat in {@code quota}, {@code quota.internal} (writing a
 * revision's workbooks) and {@code quota} (the job using those files) imported each other
 * (docs/ARCHITECTURE.md, "Which way dependencies flow").
 */
package dk.udlaendinge.batch.quota.model;

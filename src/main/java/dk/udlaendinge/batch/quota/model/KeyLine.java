package dk.udlaendinge.batch.quota.model;

import java.math.BigDecimal;

/**
 * One unit's row of the key, with every intermediate figure of docs/QUOTA-KEY.md so that
 * a workbook can show how the quota came about. For an agreed unit the key does not
 * apply: the shares and figures are {@code null} and {@code quota} is the agreed figure.
 *
 * @param populationShare {@code p = P / ΣP}
 * @param immigrantShare {@code i = I / ΣI} ({@code = p} when {@code ΣI = 0})
 * @param distributionShare {@code a = 2p − i}
 * @param computed {@code c = a · (T + ΣF)}
 * @param preliminary {@code f = c − F}
 * @param scaled {@code e}: 0 when {@code f < 0}, else {@code f · T / Σ(f > 0)}
 * @param quota the whole number after largest-remainder rounding, or the agreed figure
 */
public record KeyLine(int code, long population, long immigrantsAndRefugees, long familyReunified, boolean agreed,
        BigDecimal populationShare, BigDecimal immigrantShare, BigDecimal distributionShare, BigDecimal computed,
        BigDecimal preliminary, BigDecimal scaled, long quota) {
}

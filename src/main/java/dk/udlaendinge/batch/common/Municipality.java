package dk.udlaendinge.batch.common;

/**
 * One of Denmark's 98 municipalities. {@code kommunekode} is the official three-digit
 * municipality code (101 København … 860 Hjørring); regions use the four-digit codes
 * 1081–1085.
 */
public record Municipality(int kommunekode, String name, int regionCode, String regionName) {
}

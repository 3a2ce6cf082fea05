package dk.udlaendinge.batch.quota.model;

/**
 * One municipality's inputs to the key (bek. nr. 50 af 18. januar 2008, § 11): population
 * {@code P}, immigrants and refugees {@code I}, family-reunified {@code F}.
 * {@code origin} says where the figures came from (file and line) so that errors can
 * point at them.
 */
public record MunicipalityFigures(int code, int regionCode, long population, long immigrantsAndRefugees,
        long familyReunified, String origin) {
}

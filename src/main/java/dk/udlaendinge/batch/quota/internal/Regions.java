package dk.udlaendinge.batch.quota.internal;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;

/**
 * Region names, from the municipality reference data (the only place they are listed).
 */
final class Regions {

    private Regions() {
    }

    static String name(int regionCode) {
        return Municipalities.all()
            .list()
            .stream()
            .filter(m -> m.regionCode() == regionCode)
            .findFirst()
            .map(Municipality::regionName)
            .orElse(String.valueOf(regionCode));
    }

}

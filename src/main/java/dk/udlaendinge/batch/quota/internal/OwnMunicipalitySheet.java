package dk.udlaendinge.batch.quota.internal;

import java.math.RoundingMode;

import org.apache.poi.ss.usermodel.Sheet;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.Municipality;
import dk.udlaendinge.batch.common.PrintLayout;
import dk.udlaendinge.batch.quota.model.KeyGroup;
import dk.udlaendinge.batch.quota.model.KeyLine;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * The first sheet of a municipality's workbook: its quota first, large, then worked out
 * step by step, each figure with the formula or source that produced it. Under the
 * national key (bek. nr. 550/2022) the sums are over the whole country and the region's
 * quota is a sum.
 */
final class OwnMunicipalitySheet {

    private OwnMunicipalitySheet() {
    }

    static void write(Sheet sheet, WorkbookStyles s, QuotaRevision rev, int code) {
        Municipality m = Municipalities.all().get(code);
        int regionCode = rev.result().regionOf(code);
        KeyGroup group = rev.result().keyGroupOf(code);
        KeyLine line = group.line(code);
        KeyLine regionLine = rev.result().regions().line(regionCode);
        boolean national = rev.result().nationalKey();
        LabelledRows r = new LabelledRows(sheet, s);
        r.title("Flygtningekvote " + rev.year() + " for " + m.name() + " Kommune"
                + (rev.inputs().demo() ? " (DEMODATA)" : ""));
        // the answer first: what a clerk opens the workbook for
        r.big("Kommunens kvote " + rev.year(), line.quota(), line.quota() == 1 ? "flygtning" : "flygtninge");
        r.blank();
        r.header("Post", "Tal", "Forklaring");
        r.text("Kommune", m.name(), "");
        r.plain("Kommunekode", code, "");
        r.text("Region", m.regionName(), "Regionskode " + regionCode);
        r.plain("Kvoteår", rev.year(), "");
        r.plain("Revision", rev.revision(), "Nyt landstal eller nye inddata giver en ny revision");
        r.text("Bekendtgørelse", rev.result().order().shortName(),
                national ? "Landstallet fordeles på alle landets kommuner på én gang (§ 4)"
                        : "Landstallet fordeles først på regionerne, derefter på regionens kommuner");
        r.integer("Landstal", rev.result().nationalFigure(),
                "Det samlede antal flygtninge, der fordeles i " + rev.year());
        if (national) {
            r.integer("Regionens kvote", regionLine.quota(),
                    "Summen af kvoterne for regionens kommuner (arket " + QuotaWorkbooks.REGION_SHEET + ")");
            r.integer("Aftalte kommunekvoter i landet", group.agreedTotal(),
                    "Trækkes fra landstallet, før nøglen anvendes");
            r.integer("Fordeles efter nøglen (T)", group.sharedTotal(), "Landstallet minus aftalte kommunekvoter");
        }
        else {
            r.integer("Regionens kvote", regionLine.quota(),
                    regionLine.agreed() ? "Aftalt i KKR"
                            : "Regionernes andel af landstallet efter fordelingsnøglen (arket "
                                    + QuotaWorkbooks.REGIONS_SHEET + " i den nationale projektmappe)");
            r.integer("Aftalte kommunekvoter i regionen", group.agreedTotal(),
                    "Trækkes fra regionens kvote, før nøglen anvendes");
            r.integer("Fordeles efter nøglen (T)", group.sharedTotal(), "Regionens kvote minus aftalte kvoter");
        }
        r.integer("Folketal (P)", line.population(), "1. januar, Danmarks Statistik");
        r.integer("Indvandrere og flygtninge (I)", line.immigrantsAndRefugees(), "Danmarks Statistik");
        r.integer("Familiesammenførte (F)", line.familyReunified(), "Indrejst året før landstallet blev meddelt, CPR");
        if (line.agreed()) {
            r.integer("Kvote", line.quota(), "Aftalt kvote: fordelingsnøglen er ikke brugt for kommunen");
            r.text("Aftalt", "Ja", "");
        }
        else {
            keySteps(r, group, line, national ? "i landet" : "i regionen");
        }
        if (rev.previous() != null) {
            long before = rev.previous().quotas().getOrDefault(code, 0L);
            r.integer("Forrige kvote", before, "Sammenlignet med " + rev.previous().label());
            r.integer("Ændring", line.quota() - before, "Kvote minus forrige kvote");
        }
        sheet.createFreezePane(0, 1);
        // label, figure and explanation side by side fit A4 landscape; long explanations
        // wrap
        sheet.setColumnWidth(0, 42 * 256);
        sheet.setColumnWidth(1, 18 * 256);
        sheet.setColumnWidth(2, (PrintLayout.LANDSCAPE_WIDTH_CHARS - 42 - 18 - 2) * 256);
        PrintLayout.fitWrappedRows(sheet);
        PrintLayout.landscapeTable(sheet, 1);
    }

    /** The key's steps for a municipality without an agreed quota. */
    private static void keySteps(LabelledRows r, KeyGroup group, KeyLine line, String where) {
        r.integer("Folketal " + where + " (ΣP)", group.population(), "Kommuner uden aftalt kvote");
        r.integer("Indvandrere og flygtninge " + where + " (ΣI)", group.immigrantsAndRefugees(),
                "Kommuner uden aftalt kvote");
        r.integer("Familiesammenførte " + where + " (ΣF)", group.familyReunified(), "Kommuner uden aftalt kvote");
        r.share("Befolkningsandel (p)", line.populationShare(), "p = P / ΣP");
        r.share("Andel indvandrere og flygtninge (i)", line.immigrantShare(), "i = I / ΣI");
        r.share("Fordelingsandel (a)", line.distributionShare(), "a = p − (i − p) = 2·p − i");
        r.figure("Beregnet fordelingstal (c)", line.computed(), "c = a · (T + ΣF)");
        r.figure("Foreløbigt fordelingstal (f)", line.preliminary(), "f = c − F");
        r.figure("Skaleret fordelingstal (e)", line.scaled(), scaledExplanation(group, line));
        r.integer("Kvote", line.quota(), "Afrundet efter største brøkdel (vores regel)");
        r.text("Aftalt", "Nej", "");
    }

    private static String scaledExplanation(KeyGroup group, KeyLine line) {
        if (line.preliminary().signum() < 0) {
            return "f er negativ og sættes til 0 (vores regel)";
        }
        if (!group.scaled()) {
            return "e = f (ingen af kommunerne har negativt fordelingstal)";
        }
        return "e = f · T / Σ(f > 0) = f · " + group.sharedTotal() + " / "
                + group.positivePreliminarySum().setScale(4, RoundingMode.HALF_UP).toPlainString() + " (vores regel)";
    }

}

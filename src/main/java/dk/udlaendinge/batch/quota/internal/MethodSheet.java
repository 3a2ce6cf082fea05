package dk.udlaendinge.batch.quota.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import dk.udlaendinge.batch.common.Municipalities;
import dk.udlaendinge.batch.common.PrintLayout;
import dk.udlaendinge.batch.quota.model.Agreement;
import dk.udlaendinge.batch.quota.model.QuotaOrder;
import dk.udlaendinge.batch.quota.model.QuotaRevision;

/**
 * The method sheet: the distribution key in Danish step by step, its legal sources, the
 * two choices the order leaves to us, and which input files the figures came from. It is
 * in both the national and every municipality's workbook, so a reader can follow each
 * number.
 */
final class MethodSheet {

    private static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH:mm",
            Locale.forLanguageTag("da-DK"));

    private static final int LABEL_WIDTH = 30;

    private MethodSheet() {
    }

    static void write(Workbook wb, WorkbookStyles s, QuotaRevision rev) {
        Sheet sheet = wb.createSheet(QuotaWorkbooks.METHOD_SHEET);
        // read down the page: both columns together fit portrait A4, the texts wrap
        // inside them
        sheet.setColumnWidth(0, LABEL_WIDTH * 256);
        sheet.setColumnWidth(1, (PrintLayout.PORTRAIT_WIDTH_CHARS - LABEL_WIDTH - 2) * 256);
        LabelledRows r = new LabelledRows(sheet, s, true);
        boolean demo = rev.inputs().demo();
        r.title("Boligplacering af flygtninge: kvoter for " + rev.year() + (demo ? " (DEMODATA)" : ""));
        if (demo) {
            r.note("DEMODATA",
                    "Statistikken er opdigtet demodata til afprøvning. Kvoterne må ikke bruges til at placere flygtninge.");
        }
        r.plain("Kvoteår", rev.year(), "");
        r.integer("Landstal", rev.result().nationalFigure(), "");
        r.plain("Revision", rev.revision(), "");
        r.note("Bekendtgørelse", rev.result().order().title() + " (gælder kvoteår fra "
                + rev.result().order().firstQuotaYear()
                + (rev.result().order().lastQuotaYear() == null ? "" : " til " + rev.result().order().lastQuotaYear())
                + ")");
        r.text("Beregnet", DATE_TIME.format(rev.computedAt().atZone(DANISH_TIME)), "");
        r.text("Ændring i forhold til", rev.previous() == null ? "(ingen tidligere kvoter)" : rev.previous().label(),
                "");
        r.blank();
        if (rev.result().nationalKey()) {
            nationalKey(r, rev.result().order());
        }
        else {
            key(r);
        }
        r.blank();
        sources(r, rev.result().order());
        r.blank();
        inputs(r, rev, demo);
        PrintLayout.fitWrappedRows(sheet);
        PrintLayout.portraitText(sheet, 1);
    }

    private static void key(LabelledRows r) {
        r.section("Fordelingsnøglen: to trin");
        r.note("Fordeling i to trin",
                "Først fordeles landstallet på de 5 regioner; derefter fordeles hver regions kvote på "
                        + "regionens kommuner. Begge gange bruges samme nøgle på en gruppe, der deler et samlet tal T. "
                        + "Aftalte kvoter tages ud først, og T nedsættes med deres sum.");
        r.note("1. Andele",
                "Befolkningsandel p = P / ΣP og andel indvandrere og flygtninge i = I / ΣI inden for gruppen "
                        + "(er ΣI = 0, bruges i = p).");
        r.note("2. Fordelingsandel", "a = p − (i − p) = 2·p − i. Den kan være negativ; andelene summerer til 1.");
        r.note("3. Beregnet fordelingstal", "c = a · (T + ΣF), hvor F er antallet af familiesammenførte.");
        r.note("4. Foreløbigt fordelingstal", "f = c − F. De foreløbige fordelingstal summerer til T.");
        r.note("5. Negative tal (vores regel)",
                "Et negativt foreløbigt fordelingstal sættes til 0, og de positive skaleres "
                        + "forholdsmæssigt ned, så de igen summerer til T: e = f · T / Σ(f > 0).");
        r.note("6. Afrunding (vores regel)", "Største brøkdels metode: alle får e rundet ned, og de T − Σ(nedrundet) "
                + "enheder med de største brøkdele får én mere. Ved lige store brøkdele går den laveste kode først. "
                + "Kvoterne summerer præcis til T.");
        r.note("Regning", "Der regnes eksakt (brøker af hele tal); de viste decimaltal er afrundede til visning.");
    }

    /**
     * The key of bek. nr. 550/2022 § 4: one stage over the whole country; regions are
     * sums.
     */
    private static void nationalKey(LabelledRows r, QuotaOrder order) {
        r.section("Fordelingsnøglen: hele landet på én gang");
        r.note("Fordeling på kommunerne", "Landstallet fordeles på én gang på alle landets kommuner ("
                + order.shortName()
                + ", § 4). Aftalte kommunekvoter tages ud først, og T = landstallet minus deres sum. Der er ingen "
                + "fordeling på regioner først og ingen aftalte regionskvoter.");
        r.note("Regionernes kvoter",
                "En regions kvote er summen af kvoterne for regionens kommuner (§ 4, stk. 1). " + "I arket "
                        + QuotaWorkbooks.REGIONS_SHEET
                        + " er også regionens andele og fordelingstal summer over dens kommuner.");
        r.note("1. Andele", "Befolkningsandel p = P / ΣP og andel indvandrere og flygtninge i = I / ΣI af hele landets "
                + "kommuner uden aftalt kvote (er ΣI = 0, bruges i = p).");
        r.note("2. Fordelingsandel", "a = p − (i − p) = 2·p − i. Den kan være negativ; andelene summerer til 1.");
        r.note("3. Beregnet fordelingstal",
                "c = a · (T + ΣF), hvor F er antallet af familiesammenførte til flygtninge, "
                        + "der første gang indrejste i kalenderåret før landstallet blev meddelt.");
        r.note("4. Foreløbigt fordelingstal", "f = c − F. De foreløbige fordelingstal summerer til T.");
        r.note("5. Negative tal (vores regel)",
                "Et negativt foreløbigt fordelingstal sættes til 0, og de positive skaleres "
                        + "forholdsmæssigt ned, så de igen summerer til T: e = f · T / Σ(f > 0).");
        r.note("6. Afrunding (vores regel)", "Største brøkdels metode: alle får e rundet ned, og de T − Σ(nedrundet) "
                + "kommuner med de største brøkdele får én mere. Ved lige store brøkdele går den laveste kode først. "
                + "Kvoterne summerer præcis til landstallet.");
        r.note("Regning", "Der regnes eksakt (brøker af hele tal); de viste decimaltal er afrundede til visning.");
    }

    private static void sources(LabelledRows r, QuotaOrder order) {
        r.section("Kilder");
        r.note("Lov", "Integrationsloven §§ 6–8.");
        r.note("Bekendtgørelse", order.title() + ": " + order.keyParagraphs() + "." + (order
            .key() == QuotaOrder.Key.TWO_STAGE
                    ? " Fordelingen i to trin (regioner, derefter kommuner) følger bekendtgørelse nr. 50 af 18. januar 2008 "
                            + "(regionskvoter § 5, kommunekvoter § 9, inddata § 11)."
                    : " Til og med kvoteår 2022 blev kvoterne fordelt i to trin efter bekendtgørelse nr. 50 af "
                            + "18. januar 2008 og dens afløser."));
        r.note("Vores valg",
                "Hvor bekendtgørelsen ikke fastlægger detaljen, har vi valgt: (1) at overskuddet fra kommuner, "
                        + "der sættes til 0, tages tilbage ved forholdsmæssig nedskalering af de øvrige (trin 5), og (2) afrunding "
                        + "efter største brøkdel med lige store brøkdele til den laveste kode først (trin 6).");
        r.note("Folketal og indvandrere",
                "Danmarks Statistik: folketal 1. januar i det år, landstallet meddeles; indvandrere "
                        + "og flygtninge (ikke-vestlige indvandrere, ekskl. studerende, au pairs, praktikanter og personer med arbejdstilladelse).");
        r.note("Familiesammenførte",
                "CPR-registret: familiesammenførte udlændinge, der første gang indrejste i kalenderåret før "
                        + "landstallet blev meddelt.");
    }

    private static void inputs(LabelledRows r, QuotaRevision rev, boolean demo) {
        r.section("Inddata");
        r.note("Statistikfil",
                rev.inputs().statisticsFile().getFileName() + (demo ? " (demodata)" : "") + ", ændret "
                        + DATE_TIME.format(rev.inputs().statisticsModified().atZone(DANISH_TIME)) + ", SHA-256 "
                        + rev.inputs().statisticsSha256());
        r.note("Aftalefil",
                rev.inputs().agreementsFile() == null ? "(ingen aftaler)"
                        : rev.inputs().agreementsFile().getFileName() + ", ændret "
                                + DATE_TIME.format(rev.inputs().agreementsModified().atZone(DANISH_TIME)) + ", SHA-256 "
                                + rev.inputs().agreementsSha256());
        for (Agreement a : rev.inputs().agreements()) {
            String unit = a.level() == Agreement.Level.REGION ? "Region " + a.code() + " " + Regions.name(a.code())
                    : "Kommune " + a.code() + " " + Municipalities.all().get(a.code()).name();
            r.integer("Aftalt kvote: " + unit, a.quota(), "");
        }
    }

}

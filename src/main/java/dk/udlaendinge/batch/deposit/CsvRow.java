package dk.udlaendinge.batch.deposit;

import org.springframework.batch.infrastructure.item.file.LineMapper;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.infrastructure.item.file.transform.FieldSet;
import org.springframework.batch.infrastructure.item.file.transform.IncorrectTokenCountException;

/** One tokenised line of an input CSV, with its line number for the reject report. */
public record CsvRow(long line, FieldSet fields) {

    /**
     * The raw value of {@code column}, or {@code null} when the file's format has no such
     * column.
     */
    public String get(String column) {
        return java.util.Arrays.asList(fields.getNames()).contains(column) ? fields.readRawString(column) : null;
    }

    /**
     * Tokenises {@code ;}-separated lines with Spring Batch's tokenizer; a wrong field
     * count becomes an {@link InvalidRowException} that does not quote the line (it holds
     * personal data).
     */
    public static LineMapper<CsvRow> lineMapper(java.util.List<String> columns) {
        DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer(";");
        tokenizer.setNames(columns.toArray(String[]::new));
        tokenizer.setStrict(true);
        return (text, lineNumber) -> {
            try {
                return new CsvRow(lineNumber, tokenizer.tokenize(text));
            }
            catch (IncorrectTokenCountException e) {
                throw new InvalidRowException(lineNumber, "-", "expected " + e.getExpectedCount()
                        + " fields separated by semicolons, found " + e.getActualCount());
            }
        };
    }
}

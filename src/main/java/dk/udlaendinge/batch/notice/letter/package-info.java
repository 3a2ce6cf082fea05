/**
 * The PDF side of renewal notices (docs/RENEWAL-RULES.md §4), as plain Java with no
 * Spring: the letter ({@link dk.udlaendinge.batch.notice.letter.RenewalLetter} rendered
 * by {@link dk.udlaendinge.batch.notice.letter.RenewalLetterRenderer}), the enclosed
 * {@link dk.udlaendinge.batch.notice.letter.ExtensionForm}, and the paper
 * {@link dk.udlaendinge.batch.notice.letter.PrintBatch}.
 *
 * <p>
 * All documents use DejaVu Sans shipped in {@code src/main/resources/fonts} (license
 * beside it), embedded as subsets; nothing depends on fonts installed on the machine.
 * Document metadata carries title and author only, never personal data (docs/REGISTRY.md,
 * "Personal data").
 */
package dk.udlaendinge.batch.notice.letter;

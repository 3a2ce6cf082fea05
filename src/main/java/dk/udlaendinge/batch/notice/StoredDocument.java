package dk.udlaendinge.batch.notice;

import java.nio.file.Path;

/**
 * A case document of a pending notice as the registry stores it: its real path (checked
 * again when it is opened), the line of the documents CSV that named it ({@code null} for
 * a row imported before lines were kept), and its place among its deposit's documents
 * (from 1).
 */
public record StoredDocument(Path path, Long line, int position) {

    /**
     * How every message names it: by its line and deposit id, else by its place; never by
     * its file name, which can hold a person's name, address or CPR number, and ends up
     * in {@code status}, the console and the log.
     */
    public String describe(String depositId) {
        return line != null ? "deposit " + depositId + ", line " + line + " of the documents CSV"
                : "deposit " + depositId + ", its document no. " + position;
    }
}

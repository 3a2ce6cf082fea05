package dk.udlaendinge.batch.ops;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command with a refusal the job repository alone can give, asked before the whole
 * application starts so that a plain mistake is answered at once ({@code restart 9999}).
 * Only the database is opened for it ({@link RepositoryProbe}).
 */
interface AsksRepositoryFirst {

    /** Whether there is a question for the database at all. */
    boolean asksBeforeStart();

    /** The refusal, or empty to go on. */
    Optional<String> refusalBeforeStart(JdbcTemplate jdbc);

}

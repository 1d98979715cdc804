package org.turnout.precinct;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.turnout.importing.CsvPosition;
import org.turnout.importing.CsvSource;
import org.turnout.importing.ImportFailedException;
import org.turnout.importing.ImportLease;
import org.turnout.importing.ImportProgress;
import org.turnout.importing.ImportSource;
import org.turnout.precinct.ElectionImportService.Run;
import org.turnout.security.LogSafe;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The run that the resumable file imports of election results, address files and electoral rolls
 * share. An invocation takes the lease of the import's item (unless the file was imported already,
 * or a live invocation holds it), reads the file from the item's checkpoint, and either hands the
 * import over to a new invocation (its time is running out, or the download was cut off: the next
 * one resumes with a ranged read) or ends it, done or failed with the reason. Every write of the
 * item is conditional on its version, so two invocations never both own it.
 *
 * @param kind  how the run sees one kind of import item
 * @param csv   where the file is read from
 * @param clock the time of leases, checkpoints and ends
 */
public record FileImportRun<T>(Kind<T> kind, CsvSource csv, Clock clock) {
    private static final Logger LOG = Logger.getLogger(FileImportRun.class);

    /** One kind of import item, as the run reads and changes it. */
    public interface Kind<T> {
        /** The import as logs name it: {@code election e1 of demo}, never anything a person wrote in the file. */
        String describe(T item);

        /** Whether the file is still to be imported (neither done nor failed). */
        boolean open(T item);

        ImportProgress progress(T item);

        T withProgress(T item, ImportProgress progress);

        /** Saves the item if nobody changed it since it was read; empty when somebody did. */
        Optional<T> save(T item);

        /** The item ended at {@code at}: done, or failed with {@code failure}; its lease and checkpoint gone. */
        T ended(T item, String failure, Instant at);

        /** What the end's log line says after the status: the counts, never a person's data. */
        String summary(T item);

        /** A kind made of its item's accessors and builders and its repository's versioned save, in the order of the methods above. */
        static <T> Kind<T> of(Function<T, String> describe, Predicate<T> open, Function<T, ImportProgress> progress,
                              BiFunction<T, ImportProgress, T> withProgress, Function<T, Optional<T>> save, Ending<T> ended,
                              Function<T, String> summary) {
            return new Kind<>() {
                @Override
                public String describe(T item) {
                    return describe.apply(item);
                }

                @Override
                public boolean open(T item) {
                    return open.test(item);
                }

                @Override
                public ImportProgress progress(T item) {
                    return progress.apply(item);
                }

                @Override
                public T withProgress(T item, ImportProgress newProgress) {
                    return withProgress.apply(item, newProgress);
                }

                @Override
                public Optional<T> save(T item) {
                    return save.apply(item);
                }

                @Override
                public T ended(T item, String failure, Instant at) {
                    return ended.ended(item, failure, at);
                }

                @Override
                public String summary(T item) {
                    return summary.apply(item);
                }
            };
        }
    }

    /** {@link Kind#ended}, as a function. */
    @FunctionalInterface
    public interface Ending<T> {
        T ended(T item, String failure, Instant at);
    }

    /** Reads the file's rows from the checkpoint on: {@link Run#DONE} once all are read, or what {@link Reading#handOver()} says. */
    @FunctionalInterface
    public interface Reader<T> {
        Run read(Reading<T> reading, CsvSource.CsvRows rows, Instant deadline);
    }

    /**
     * Starts or resumes the import whose item was found (or created) for this file; works until done
     * or until {@code deadline} comes near. {@code claim} adds what the item records of the invocation
     * that takes it, with its lease.
     */
    public Run run(T found, ImportSource source, Instant deadline, UnaryOperator<T> claim, Reader<T> reader) {
        if (!kind.open(found)) {
            return Run.SKIPPED; // this upload was imported already
        }
        ImportProgress progress = kind.progress(found);
        Optional<ImportProgress> lease = (progress == null ? ImportProgress.NONE : progress).claim(UUID.randomUUID().toString(), clock.instant());
        if (lease.isEmpty()) {
            return Run.SKIPPED; // a live invocation has it
        }
        Optional<T> claimed = kind.save(kind.withProgress(claim.apply(found), lease.get()));
        if (claimed.isEmpty()) {
            return Run.SKIPPED; // another invocation took it first
        }
        Reading<T> reading = new Reading<>(this, claimed.get());
        String failure = null;
        try {
            if (reading.read(source, deadline, reader) == Run.CONTINUE) {
                return Run.CONTINUE;
            }
        } catch (ImportFailedException e) {
            failure = e.getMessage();
        } catch (NoSuchKeyException e) {
            failure = "the file was deleted before it was read";
        }
        reading.set(kind.ended(reading.item(), failure, clock.instant()));
        T ended = reading.save();
        LOG.infof("%s %s: %s", kind.describe(ended), failure == null ? "done" : "failed", kind.summary(ended));
        return failure == null ? Run.DONE : Run.FAILED;
    }

    /** One invocation's reading of a file it holds the lease of: the item as last saved, saved again at each checkpoint. */
    public static final class Reading<T> {
        private final FileImportRun<T> run;
        private T item;

        private Reading(FileImportRun<T> run, T item) {
            this.run = run;
            this.item = item;
        }

        public T item() {
            return item;
        }

        /** The item as the reading has it now; saved by the next {@link #save()}. */
        public void set(T changed) {
            item = changed;
        }

        /** Saves the item; the invocation stops if another one took the import over. */
        public T save() {
            item = run.kind.save(item).orElseThrow(() -> new IllegalStateException(
                    run.kind.describe(item) + " was taken over by another invocation"));
            return item;
        }

        /** Saves the counts of {@code counted} with a checkpoint at {@code position}; whether the invocation must now hand over. */
        public boolean checkpoint(T counted, CsvPosition position, long rowsRead, Instant deadline) {
            Instant now = run.clock.instant();
            item = run.kind.withProgress(counted, run.kind.progress(counted).checkpoint(position, rowsRead, now));
            save();
            return ImportLease.mustHandOver(run.clock.instant(), deadline);
        }

        /** Gives up the lease at the last checkpoint, for a new invocation to go on from there. */
        public Run handOver() {
            item = run.kind.withProgress(item, run.kind.progress(item).released());
            save();
            LOG.infof("%s continues in a new invocation after line %d", run.kind.describe(item), run.kind.progress(item).linesRead());
            return Run.CONTINUE;
        }

        /**
         * Reads the file from the checkpoint on. A download cut off is no fault of the file: the import
         * is handed to a new invocation, which resumes from the checkpoint with a ranged read.
         */
        private Run read(ImportSource source, Instant deadline, Reader<T> reader) {
            try (CsvSource.CsvRows rows = run.csv.open(source.bucket(), source.key(), run.kind.progress(item).position())) {
                return reader.read(this, rows, deadline);
            } catch (CsvSource.DownloadCutOff e) {
                item = run.kind.withProgress(item, run.kind.progress(item).cutOff(e));
                LOG.warnf("%s: reading stopped after line %d (%s); resuming from there", run.kind.describe(item),
                        run.kind.progress(item).linesRead(), LogSafe.quote(String.valueOf(e.getCause().getMessage())));
                return handOver();
            }
        }
    }
}

package org.turnout.bench.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.turnout.importing.ImportJob;
import org.turnout.importing.ImportJobRepository;

/**
 * Follows a running import from outside, as the API's job listing does: reads its job every second and
 * notes when its count of rows moves, to tell its rate along the file (does it slow down as the table grows?)
 * and the longest time it went without a checkpoint (a stall). One small read a second: nothing to dynalite.
 */
final class CheckpointWatch {

    private record Sample(long nanos, long rows) {
    }

    private final ImportJobRepository jobs;
    private final String orgId;
    private final String importId;
    private final long expectedRows;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CheckpointWatch(ImportJobRepository jobs, String orgId, String importId, long expectedRows) {
        this.jobs = jobs;
        this.orgId = orgId;
        this.importId = importId;
        this.expectedRows = expectedRows;
        this.thread = new Thread(this::watch, "checkpoint-watch");
        thread.setDaemon(true);
    }

    static CheckpointWatch start(ImportJobRepository jobs, String orgId, String importId, long expectedRows) {
        CheckpointWatch watch = new CheckpointWatch(jobs, orgId, importId, expectedRows);
        watch.thread.start();
        return watch;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    private void watch() {
        long began = System.nanoTime();
        long last = -1;
        while (running) {
            try {
                long rows = jobs.find(orgId, importId).map(ImportJob::rows).orElse(0L);
                long now = System.nanoTime() - began;
                if (rows != last) {
                    synchronized (samples) {
                        samples.add(new Sample(now, rows));
                    }
                    last = rows;
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a read that failed tells nothing; the next one will
            }
        }
    }

    /** The longest time between two changes of the row count, after the first. */
    Duration longestWait() {
        synchronized (samples) {
            long longest = 0;
            for (int i = 2; i < samples.size(); i++) {
                longest = Math.max(longest, samples.get(i).nanos() - samples.get(i - 1).nanos());
            }
            return Duration.ofNanos(longest);
        }
    }

    /** Rows per second in each tenth of the file, from the checkpoints seen (empty if too few). */
    List<Double> tenths() {
        List<Double> rates = new ArrayList<>();
        synchronized (samples) {
            Sample previous = null;
            int next = 1;
            for (Sample sample : samples) {
                if (sample.rows() == 0) {
                    continue;
                }
                if (previous == null) {
                    previous = sample;
                    continue;
                }
                if (sample.rows() >= expectedRows * next / 10) {
                    rates.add((sample.rows() - previous.rows()) / ((sample.nanos() - previous.nanos()) / 1e9));
                    previous = sample;
                    while (next <= 10 && sample.rows() >= expectedRows * next / 10) {
                        next++;
                    }
                }
            }
        }
        return rates;
    }
}

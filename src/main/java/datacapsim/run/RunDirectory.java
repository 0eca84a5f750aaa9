package datacapsim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A run's output folder, written atomically: files go into a hidden temporary sibling, which is renamed to the final
 * name only when the run completes. A failed run leaves any earlier result of the same run id untouched.
 */
public final class RunDirectory {
    private final Path finalDir;
    private final Path tempDir;
    private boolean done;

    public RunDirectory(Path finalDir) {
        this.finalDir = finalDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.finalDir.getParent());
            this.tempDir = uniqueSibling(this.finalDir, ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder under " + this.finalDir.getParent(), e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A new hidden folder beside {@code target} ({@code .<name><infix><pid>-<n>}), created with the ordinary
     * permissions of the user's umask (a temporary-file API would make it owner-only, and the published folder with it).
     */
    static Path uniqueSibling(Path target, String infix) throws IOException {
        while (true) {
            Path p = target.resolveSibling("." + target.getFileName() + infix + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
            try {
                return Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process of the same pid number left it: take the next
            }
        }
    }

    /** Where files are written while the run is going on. */
    public Path dir() { return tempDir; }

    public Path finalDir() { return finalDir; }

    /**
     * Publishes the folder under its final name, replacing an earlier complete run of the same id; a failed folder
     * left by an earlier attempt of the same id is removed (this result supersedes it).
     */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(finalDir)) {
                old = finalDir.resolveSibling("." + finalDir.getFileName() + ".old-" + System.nanoTime());
                move(finalDir, old);
            }
            move(tempDir, finalDir);
            done = true;
            if (old != null) delete(old);
            delete(failedDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + finalDir, e);
        }
    }

    /** Where a failed run's folder goes: beside the final one, marked failed. */
    public Path failedDir() { return finalDir.resolveSibling(finalDir.getFileName() + ".failed"); }

    /** Publishes the folder of a failed run as {@code <name>.failed} (replacing an earlier failed one). */
    public void markFailed() {
        try {
            Path failed = failedDir();
            if (Files.exists(failed)) delete(failed);
            move(tempDir, failed);
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + tempDir + " failed", e);
        }
    }

    /** Removes the temporary folder of a run that did not complete. */
    public void abandon() {
        if (done) return;
        try {
            delete(tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tempDir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

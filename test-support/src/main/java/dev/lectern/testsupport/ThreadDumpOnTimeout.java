package dev.lectern.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread of the test JVM when a test fails because a client gave up waiting. The server under test runs
 * in the same JVM, so the dump shows what its event loops were doing while the answer did not come: a rare hang
 * (seen about once in several full runs) is then diagnosable from the one CI log that has it.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (causedByTimeout(failure)) {
            StringBuilder dump = new StringBuilder("=== thread dump: ").append(context.getDisplayName())
                    .append(" timed out waiting for an answer ===\n");
            for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(describe(thread));
            }
            System.err.println(dump);
        }
        throw failure;
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || String.valueOf(t.getMessage()).contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    /** {@link ThreadInfo#toString()} stops after eight frames; a hang needs the whole stack. */
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"").append(thread.getThreadName()).append("\" ")
                .append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\tat ").append(frame).append('\n');
        }
        return text.append('\n').toString();
    }
}

package dev.lectern.common.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start into Boot's short "APPLICATION FAILED TO START" report naming each unsafe setting. */
public class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
        return new FailureAnalysis("This service refuses to start with unsafe settings:\n  - "
                + String.join("\n  - ", cause.problems()),
                "Fix the settings above (docs/deployment/ci-cd.md, 'Environment configuration'), or run with "
                        + "LECTERN_ENVIRONMENT=dev on a developer machine.", cause);
    }
}

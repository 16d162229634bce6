package dev.till.domain;

/** Carries a {@link Problem} out of a use case; the transaction around it rolls back. */
public final class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.message(), null, false, false); // expected outcomes need no stack trace
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

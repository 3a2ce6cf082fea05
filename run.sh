#!/usr/bin/env bash
# udlaendinge-batch: the operator's entry point (cron calls it). ./run.sh help lists the commands.
# Builds the application the first time (or when the sources changed), then runs it in this folder
# so that config/application.yml applies. The exit code is the job's: 0 completed, 1 failed,
# 2 bad usage or input, 3 refused (already running).
set -euo pipefail
cd "$(dirname "$0")"
# The database, letters, outbox and lists hold personal data: everything this process
# creates is readable by its owner only.
umask 077

JAR=target/udlaendinge-batch.jar
# The benchmark is not in the jar: it runs from the test class path (src/bench/java,
# docs/PERFORMANCE.md), which this file lists once built.
BENCH_CLASSPATH=target/bench.classpath
if [ "${1:-}" = "bench" ]; then
  BUILT=$BENCH_CLASSPATH SOURCES=src
  BUILD=(mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test
    "-Dmdep.outputFile=$BENCH_CLASSPATH")
else
  BUILT=$JAR SOURCES=src/main
  BUILD=(mvn -B -q -DskipTests package)
fi
needs_build() {
  [ ! -f "$BUILT" ] && return 0
  [ -n "$(find "$SOURCES" pom.xml -newer "$BUILT" -print -quit 2>/dev/null)" ]
}
if needs_build; then
  mkdir -p target
  # two commands started together (cron and an operator) build once, not over each other
  (
    flock 9
    if needs_build; then
      echo "Building the application (first run, or sources changed)…" >&2
      # (Maven 3.8 prints colour resets even with -q -B; they are stripped)
      "${BUILD[@]}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2 \
        || { echo "error: the build failed; see the Maven output above" >&2; exit 1; }
    fi
  ) 9>target/.build.lock || exit 1
fi

if [ "${1:-}" = "bench" ]; then
  shift
  BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xmx2g -XX:+UseParallelGC"}
  # exec: SIGTERM reaches the JVM, which stops the job gracefully, then its workers
  exec java $BENCH_JAVA_OPTS \
    -cp "target/classes:target/test-classes:$(cat "$BENCH_CLASSPATH")" dk.udlaendinge.batch.bench.BenchLauncher "$@"
fi
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g -XX:+UseParallelGC"}
# exec: SIGTERM from cron or an operator reaches the JVM, which stops the job gracefully.
exec java $JAVA_OPTS -jar "$JAR" "$@"

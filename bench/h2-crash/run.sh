#!/usr/bin/env bash
# Reproduces H2's crash-unsafety with a spatial (R-tree) index, outside zoneplan: a writer commits
# rows into a table with a SPATIAL INDEX, is killed with SIGKILL after 1–3 s, and a checker reopens
# the file. It is why zoneplan's embedded store has no R-tree since migration h2/V7. Usage (from
# the project root):
#   mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
#   bash bench/h2-crash/run.sh ";WRITE_DELAY=0" 10      # H2 URL settings, runs
#   BBOX=1 WAIT_MIN=2 WAIT_MAX=4 bash bench/h2-crash/run.sh ";WRITE_DELAY=0" 20
# NOIDX=1: no index on the geometry; BBOX=1: zoneplan's replacement (generated bounding-box columns
# under B-tree indexes; loading H2GIS takes the writer about a second, hence the later kill window
# WAIT_MIN..WAIT_MAX, in seconds).
# Measured here (H2 2.4.240; 2.2.224 and 2.3.232 alike): default settings 9 of 10 files could not be
# reopened ("ValueDataType cannot be cast to SpatialDataType"); WRITE_DELAY=0 3–4 of 10 (3 of 10
# again on 2026-11-29); without the spatial index (NOIDX=1) 0 of 10, but the default WRITE_DELAY
# lost acknowledged commits; BBOX=1 with WRITE_DELAY=0 0 of 40 (killed after 100 to 40,360
# rows committed, 20 a commit), no acknowledged commit lost.
set -u
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
javac -cp "$(cat target/cp.txt)" -d "$work" bench/h2-crash/Writer.java bench/h2-crash/Checker.java
CP="$(cat target/cp.txt):$work"
suffix="${1:-}"; n="${2:-10}"; fails=0; lost=0
for i in $(seq 1 "$n"); do
  dir=$(mktemp -d); url="jdbc:h2:file:$dir/db;DB_CLOSE_ON_EXIT=FALSE$suffix"
  java -cp "$CP" Writer "$url" > "$dir/out.txt" 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(${WAIT_MIN:-1.0}, ${WAIT_MAX:-3.0}), 2))")"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  last=$(grep committed "$dir/out.txt" | tail -1 | awk '{print $2}')
  res=$(java -cp "$CP" Checker "$url" 2>&1 | grep -E '^ok|SpatialDataType|Exception' | head -1)
  case "$res" in
    ok*) got=$(echo "$res" | awk '{print $3}'); [ "${got:-0}" -lt "${last:-0}" ] && lost=$((lost+1))
         echo "run $i: committed=${last:-0} found=$got";;
    *) fails=$((fails+1)); echo "run $i: cannot reopen: $(echo "$res" | cut -c1-160)";;
  esac
  rm -rf "$dir"
done
rm -rf "$work"
echo "SUMMARY settings=[$suffix] runs=$n cannotReopen=$fails lostCommits=$lost"

# A grader in the pattern of docs/autograde.md's quick start: each hidden test
# runs the student's main.py through $CS351_RUN_STUDENT, one point per test.
# The tests' own files hold HIDDEN_MARK so a test can tell if they leaked.
import json, os, pathlib, subprocess

tests = sorted((pathlib.Path(__file__).parent / "tests").glob("*.in"))
passed = 0
for test in tests:
    with open(test) as stdin:
        run = subprocess.run([os.environ["CS351_RUN_STUDENT"], "--timeout", "20s", "--",
                              "python3", "main.py"], stdin=stdin, capture_output=True, text=True)
    if run.returncode == 0 and run.stdout.split() == test.with_suffix(".out").read_text().split():
        passed += 1
with open(os.environ["CS351_RESULTS_PATH"], "w") as out:
    json.dump({"score": passed, "output": f"{passed}/{len(tests)} tests passed"}, out)

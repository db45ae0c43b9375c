# tui.sh: driving the real console under tmux (R-OPS-3), shared by the
# console tests; sourced after lib.sh and stack_up. The console runs in the
# tmux session "tui" of a server private to the test; its stderr (sanitizer
# reports, assertion messages) goes to $ERR, shown whenever a screen check
# fails so that a crash seen only in CI can be diagnosed.

ERR=$STACK_DIR/console-stderr.log
tm() { LC_ALL=C.UTF-8 tmux -S "$STACK_DIR/tmux.sock" "$@"; }
tui_cleanup() { rc=$?; tm kill-server >/dev/null 2>&1; (exit $rc); stack_down; }
trap tui_cleanup EXIT

# tui_start COLUMNS LINES COMMAND : the console (or the hotline console) in a
# fresh session of that size.
tui_start() {
	tm new-session -d -s tui -x "$1" -y "$2" "$3 2>>$ERR"
}
screen() { tm capture-pane -p -t tui 2>/dev/null; }
# wait_for PATTERN : until the screen shows it; 30 s at most, for a loaded
# CI machine (sanitizer builds, two cores, other suites in parallel).
wait_for() {
	for _ in $(seq 150); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.2
	done
	return 1
}
# expect_screen DESCRIPTION PATTERN
expect_screen() {
	if wait_for "$2"; then
		ok "$1"
	else
		not_ok "$1 (« $2 » absent de l'écran)"
		if tm has-session -t tui 2>/dev/null; then
			screen | sed 's/^/#   |/'
		else
			echo "#   la console s'est arrêtée ; sa sortie d'erreur :"
			sed 's/^/#   !/' "$ERR" 2>/dev/null | head -n 80
		fi
	fi
}
keys() { tm send-keys -t tui "$@"; }
text() { tm send-keys -t tui -l "$1"; }
answer() { text "$1"; keys Enter; }
# layout DESCRIPTION HELP : the 80x24 layout, 24 lines, the help line whole
# on the last one.
layout() {
	check "$1: 80x24" test "$(screen | wc -l)" = 24
	expect_eq "$1: help line whole" "$2" "$(screen | sed -n '24p' | sed 's/ *$//')"
}
not_on_screen() { ! screen | grep -qF -- "$1"; }
session_gone() {
	for _ in $(seq 50); do tm has-session -t tui 2>/dev/null || return 0; sleep 0.2; done
	return 1
}
# no_sanitizer_report : the console's stderr stayed empty (shown if not).
no_sanitizer_report() {
	if [ -s "$ERR" ]; then
		not_ok "no sanitizer report"
		sed 's/^/#   !/' "$ERR" | head -n 80
	else
		ok "no sanitizer report"
	fi
}

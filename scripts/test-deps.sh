#!/usr/bin/env bash
# Brings up what the test suite talks to: PostgreSQL on 127.0.0.1:5432 and
# Debian's Chromium for the browser tests, and Debian's python3-icalendar
# and python3-recurring-ical-events, the independent parser the calendar
# feed tests check their output with. Installs or starts them when
# missing, so a fresh machine (and CI) needs nothing done by hand.
set -euo pipefail

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
	if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
		version=$(ls /etc/postgresql | sort -n | tail -1)
		echo "starting PostgreSQL $version"
		pg_ctlcluster --skip-systemctl-redirect "$version" main start
	fi
	for _ in $(seq 1 30); do
		pg_isready -q -h 127.0.0.1 -p 5432 && break
		sleep 1
	done
	pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi

if ! command -v chromium >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing Debian's chromium for the browser tests"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	elif [ "${CI:-}" = true ]; then
		echo "chromium is missing and cannot be installed here" >&2
		exit 1
	else
		echo "note: chromium not found; browser tests will be skipped" >&2
	fi
fi

if ! python3 -c 'import icalendar, recurring_ical_events' 2>/dev/null &&
	! /usr/bin/python3 -c 'import icalendar, recurring_ical_events' 2>/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "installing Debian's python3-icalendar for the calendar feed tests"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-icalendar python3-recurring-ical-events >/dev/null
	elif [ "${CI:-}" = true ]; then
		echo "python3-icalendar is missing and cannot be installed here" >&2
		exit 1
	else
		echo "note: python3-icalendar not found; the calendar parser test will be skipped" >&2
	fi
fi

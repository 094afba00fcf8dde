#!/bin/sh
# Makes 台账.ods and 台账.xls beside this script from the .xlsx that tests/inputs.rs writes, so the
# same ledger is checked in every format. Needs LibreOffice (Debian: libreoffice-calc-nogui).
set -eu
cd "$(dirname "$0")/../../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
YISHI_WORKBOOK_OUT="$tmp/台账.xlsx" cargo test --test inputs -- --ignored --exact write_workbook_for_conversion
for format in ods xls; do
    soffice --headless -env:UserInstallation="file://$tmp/profile" \
        --convert-to "$format" --outdir tests/corpus/formats "$tmp/台账.xlsx"
done

package data

import (
	"fmt"
	"testing"
	"time"
)

// ymd returns midnight UTC of y-m-d.
func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDateAccepts(t *testing.T) {
	dayPoint := func(y int, m time.Month, d int) Point {
		return Point{Time: ymd(y, m, d), Precision: PrecisionDay}
	}
	tests := []struct {
		name string
		in   string
		want Date
	}{
		{"a day is a single day point", "2022-01-21",
			Date{Raw: "2022-01-21", Start: dayPoint(2022, 1, 21)}},
		{"a month starts on its first day", "2020-07",
			Date{Raw: "2020-07", Start: Point{Time: ymd(2020, 7, 1), Precision: PrecisionMonth}}},
		{"a year starts on 1 January", "2014",
			Date{Raw: "2014", Start: Point{Time: ymd(2014, 1, 1), Precision: PrecisionYear}}},
		{"year 0000 is accepted", "0000",
			Date{Raw: "0000", Start: Point{Time: ymd(0, 1, 1), Precision: PrecisionYear}}},
		{"year 9999 is accepted", "9999-12-31",
			Date{Raw: "9999-12-31", Start: dayPoint(9999, 12, 31)}},
		{"29 February is accepted in a leap year", "2024-02-29",
			Date{Raw: "2024-02-29", Start: dayPoint(2024, 2, 29)}},
		{"29 February is accepted in a year divisible by 400", "2000-02-29",
			Date{Raw: "2000-02-29", Start: dayPoint(2000, 2, 29)}},
		{"tilde makes a day approximate", "2021-12-17~",
			Date{Raw: "2021-12-17~", Start: Point{Time: ymd(2021, 12, 17), Precision: PrecisionDay, Approximate: true}}},
		{"question mark makes a month uncertain", "2022-02?",
			Date{Raw: "2022-02?", Start: Point{Time: ymd(2022, 2, 1), Precision: PrecisionMonth, Uncertain: true}}},
		{"percent makes a year approximate and uncertain", "2014%",
			Date{Raw: "2014%", Start: Point{Time: ymd(2014, 1, 1), Precision: PrecisionYear, Approximate: true, Uncertain: true}}},
		{"a closed interval has a start and an end", "2022-01-24/2022-01-27",
			Date{Raw: "2022-01-24/2022-01-27", Start: dayPoint(2022, 1, 24), End: dayPoint(2022, 1, 27), Interval: true}},
		{"an interval may start and end on the same day", "2022-01-24/2022-01-24",
			Date{Raw: "2022-01-24/2022-01-24", Start: dayPoint(2022, 1, 24), End: dayPoint(2022, 1, 24), Interval: true}},
		{"an interval may end in the month it starts in", "2022-01-15/2022-01",
			Date{Raw: "2022-01-15/2022-01", Start: dayPoint(2022, 1, 15),
				End: Point{Time: ymd(2022, 1, 1), Precision: PrecisionMonth}, Interval: true}},
		{"an interval end may be qualified", "2022-01-27/2022-02-15~",
			Date{Raw: "2022-01-27/2022-02-15~", Start: dayPoint(2022, 1, 27),
				End: Point{Time: ymd(2022, 2, 15), Precision: PrecisionDay, Approximate: true}, Interval: true}},
		{"two dots make an open, ongoing end", "2014/..",
			Date{Raw: "2014/..", Start: Point{Time: ymd(2014, 1, 1), Precision: PrecisionYear}, Interval: true, OpenEnd: true}},
		{"nothing after the slash makes an unknown end", "2014/",
			Date{Raw: "2014/", Start: Point{Time: ymd(2014, 1, 1), Precision: PrecisionYear}, Interval: true, UnknownEnd: true}},
		{"two dots make an open start", "../2022-01-27",
			Date{Raw: "../2022-01-27", End: dayPoint(2022, 1, 27), Interval: true, OpenStart: true}},
		{"nothing before the slash makes an unknown start", "/2022-01-27",
			Date{Raw: "/2022-01-27", End: dayPoint(2022, 1, 27), Interval: true, UnknownStart: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q) failed: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"an empty date is rejected", "", `"": the date is empty`},
		{"surrounding space is rejected", " 2022", `" 2022": the date has leading or trailing space`},
		{"month 13 is out of range", "2022-13-01", `"2022-13-01": month 13 is out of range`},
		{"month 00 is out of range", "2022-00", `"2022-00": month 0 is out of range`},
		{"seasons are named as unsupported", "2022-21", `"2022-21": month 21 is out of range (seasons are not supported)`},
		{"day 00 is out of range", "2022-01-00", `"2022-01-00": day 0 is out of range`},
		{"day 32 is out of range", "2022-01-32", `"2022-01-32": day 32 is out of range: January 2022 has 31 days`},
		{"31 April does not exist", "2022-04-31", `"2022-04-31": day 31 is out of range: April 2022 has 30 days`},
		{"29 February needs a leap year", "2021-02-29", `"2021-02-29": day 29 is out of range: February 2021 has 28 days`},
		{"29 February 1900 does not exist", "1900-02-29", `"1900-02-29": day 29 is out of range: February 1900 has 28 days`},
		{"a two-digit year is rejected", "22-01-21", `"22-01-21": year must have 4 digits (YYYY)`},
		{"a five-digit year needs the Y prefix", "20220", `"20220": a year of more than 4 digits needs the Y prefix (Y12345, Y-12345)`},
		{"a five-digit negative year needs the Y prefix", "-12345", `"-12345": a year of more than 4 digits needs the Y prefix (Y12345, Y-12345)`},
		{"a three-digit negative year is rejected", "-752", `"-752": year must have 4 digits (YYYY)`},
		{"minus zero is not a year", "-0000", `"-0000": -0000 is not a year: the year before 0001 is 0000`},
		{"two minus signs are rejected", "--0752", `"--0752": year must have 4 digits (YYYY)`},
		{"a short year after Y is rejected", "Y2022", `"Y2022": a year after Y needs more than 4 digits: write 2022 instead`},
		{"a short negative year after Y is rejected", "Y-752", `"Y-752": a year after Y needs more than 4 digits: write -0752 instead`},
		{"a short exponent year after Y is rejected", "Y-7E2", `"Y-7E2": a year after Y needs more than 4 digits: write -0700 instead`},
		{"a year after Y has no month", "Y-12345-01", `"Y-12345-01": a year after Y must be digits with an optional minus and exponent (Y-13800000000, Y-138E8)`},
		{"Y alone is rejected", "Y", `"Y": a year after Y must be digits with an optional minus and exponent (Y-13800000000, Y-138E8)`},
		{"an empty exponent is rejected", "Y-138E", `"Y-138E": a year after Y must be digits with an optional minus and exponent (Y-13800000000, Y-138E8)`},
		{"a year beyond 100 billion is rejected", "Y-100000000001", `"Y-100000000001": the year is beyond 100000000000 years`},
		{"a huge exponent is rejected", "Y1E999", `"Y1E999": the year is beyond 100000000000 years`},
		{"a long run of digits is rejected", "Y-99999999999999999999999", `"Y-99999999999999999999999": the year is beyond 100000000000 years`},
		{"a one-digit month is rejected", "2022-1-21", `"2022-1-21": month must have 2 digits (YYYY-MM)`},
		{"a three-digit month is rejected", "2022-011", `"2022-011": month must have 2 digits (YYYY-MM)`},
		{"a dangling hyphen is rejected", "2022-", `"2022-": month must have 2 digits (YYYY-MM)`},
		{"a one-digit day is rejected", "2022-01-5", `"2022-01-5": day must have 2 digits (YYYY-MM-DD)`},
		{"text after the year is rejected", "2022x", `"2022x": unexpected "x" after the year`},
		{"dots as separators are rejected", "2022.01.21", `"2022.01.21": unexpected ".01.21" after the year`},
		{"a trailing space is rejected", "2022-01 ", `"2022-01 ": the date has leading or trailing space`},
		{"a week is rejected after the month", "2022-01W", `"2022-01W": unexpected "W" after the month`},
		{"text after the day is rejected", "2022-01-21-", `"2022-01-21-": unexpected "-" after the day`},
		{"times are rejected", "2022-01-21T10:00:00Z", `"2022-01-21T10:00:00Z": times are not supported, only days`},
		{"a deep interval ending before it starts is rejected", "Y-4600000000/Y-13800000000",
			`"Y-4600000000/Y-13800000000": start date Y-4600000000 is after end date Y-13800000000`},
		{"1 BC after AD 1 is rejected", "0001/0000", `"0001/0000": start date 0001 is after end date 0000`},
		{"unspecified digits are rejected", "2022-01-2X", `"2022-01-2X": unspecified digits (X) are not supported`},
		{"a qualifier alone is rejected", "~", `"~": missing date before ~`},
		{"two qualifiers are rejected", "2022~?", `"2022~?": only one of ~, ? or % may follow a date`},
		{"a qualifier inside a date is rejected", "2022~-01", `"2022~-01": ~, ? and % are only supported at the end of a date`},
		{"a qualifier before the date is rejected", "?2022", `"?2022": missing date before ?`},
		{"two slashes are rejected", "2014/2015/2016", `"2014/2015/2016": an interval has exactly one "/"`},
		{"a lone slash is rejected", "/", `"/": an interval needs a start date or an end date`},
		{"an interval open at both ends is rejected", "../..", `"../..": an interval needs a start date or an end date`},
		{"an open start with an unknown end is rejected", "../", `"../": an interval needs a start date or an end date`},
		{"a bad start is named", "2022-13/2022", `"2022-13/2022": start date: month 13 is out of range`},
		{"a bad end is named", "2022/2022-02-30", `"2022/2022-02-30": end date: day 30 is out of range: February 2022 has 28 days`},
		{"an interval ending before it starts is rejected", "2022-02-01/2022-01-31",
			`"2022-02-01/2022-01-31": start date 2022-02-01 is after end date 2022-01-31`},
		{"a month interval ending before it starts is rejected", "2022-03/2022-01-15",
			`"2022-03/2022-01-15": start date 2022-03 is after end date 2022-01-15`},
		{"three dots are rejected", ".../2022", `".../2022": start date: year must have 4 digits (YYYY)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %+v, want error %s", tt.in, d, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("ParseDate(%q) error\n got %s\nwant %s", tt.in, err, tt.want)
			}
			if _, ok := err.(*DateError); !ok {
				t.Errorf("ParseDate(%q) error is a %T, want *DateError", tt.in, err)
			}
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) returned %+v with its error, want the zero Date", tt.in, d)
			}
		})
	}
}

func TestDateWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"a day has no leading zero", "2022-01-02", "2 January 2022"},
		{"a day is day month year", "2022-01-21", "21 January 2022"},
		{"a month is month year", "2020-07", "July 2020"},
		{"a year is the year", "2014", "2014"},
		{"year 0900 has no leading zero and is marked AD", "0900", "AD 900"},
		{"year 1000 is not marked", "1000", "1000"},
		{"year 0001 is AD 1", "0001", "AD 1"},
		{"year 0000 is 1 BC", "0000", "1 BC"},
		{"year -0001 is 2 BC", "-0001", "2 BC"},
		{"year -0752 is 753 BC", "-0752", "753 BC"},
		{"a BC day is day month year", "-0043-03-15", "15 March 44 BC"},
		{"a BC month is month year", "-0043-03", "March 44 BC"},
		{"an approximate BC year keeps its qualifier", "-0752~", "753 BC, approximately"},
		{"BC years share the era", "-0752/-0508", "753–509 BC"},
		{"a BC year and an AD year share nothing", "-0026/0014", "27 BC – AD 14"},
		{"1 BC to AD 1 is two years", "0000/0001", "1 BC – AD 1"},
		{"a year more than 10,000 years before 2000 counts years ago", "-8001", "10,000 years ago"},
		{"a year 10,000 years before 2000 is named", "-8000", "8001 BC"},
		{"billions of years ago are rounded as the year is written", "Y-13800000000", "13.8 billion years ago"},
		{"an exponent year is worded the same", "Y-138E8", "13.8 billion years ago"},
		{"an approximate deep year is about", "Y-4600000000~", "about 4.6 billion years ago"},
		{"an uncertain deep year says so", "Y-4600000000?", "4.6 billion years ago, uncertain"},
		{"an approximate and uncertain deep year", "Y-4600000000%", "about 4.6 billion years ago, uncertain"},
		{"millions of years ago", "Y-66000000", "66 million years ago"},
		{"four significant digits at most", "Y-4567E6", "4.567 billion years ago"},
		{"as many as the year is written with", "Y-538800000", "538.8 million years ago"},
		{"approximate deep ends share about", "Y-2400000000~/Y-2000000000~", "about 2.4–2 billion years ago"},
		{"a round year keeps two significant digits", "Y-300000", "300,000 years ago"},
		{"a precise year keeps four", "Y-12345", "14,350 years ago"},
		{"deep intervals share their unit", "Y-13800000000/Y-4600000000", "13.8–4.6 billion years ago"},
		{"a deep start and a BC end share nothing", "Y-300000/-2999", "300,000 years ago – 3000 BC"},
		{"from a deep year, ongoing", "Y-4600000000~/..", "from about 4.6 billion years ago, ongoing"},
		{"the far future counts years ahead", "Y5000000000", "in 5 billion years"},
		{"a near five-digit future year is named", "Y10000", "10,000"},
		{"an approximate 10th is early in the month", "2022-02-10~", "early February 2022, approximately"},
		{"an approximate 1st is early in the month", "2022-02-01~", "early February 2022, approximately"},
		{"an approximate 11th is mid-month", "2021-12-11~", "mid-December 2021, approximately"},
		{"an approximate 17th is mid-month", "2021-12-17~", "mid-December 2021, approximately"},
		{"an approximate 20th is mid-month", "2021-12-20~", "mid-December 2021, approximately"},
		{"an approximate 21st is late in the month", "2021-12-21~", "late December 2021, approximately"},
		{"an approximate 31st is late in the month", "2021-12-31~", "late December 2021, approximately"},
		{"an approximate month keeps its name", "2021-12~", "December 2021, approximately"},
		{"an approximate year keeps its number", "2014~", "2014, approximately"},
		{"an uncertain day keeps its number", "2022-01-26?", "26 January 2022, uncertain"},
		{"an uncertain month keeps its name", "2022-02?", "February 2022, uncertain"},
		{"an approximate and uncertain day is worded like an approximate one", "2022-01-26%",
			"late January 2022, approximately and uncertain"},
		{"an ongoing interval runs from its start", "2014/..", "from 2014, ongoing"},
		{"an open start runs until the end", "../2022-01-27", "until 27 January 2022"},
		{"an unknown start is by the end", "/2022-01-27", "by 27 January 2022"},
		{"an unknown end is named", "2014/", "from 2014, end unknown"},
		{"an ongoing interval words its start's qualifier before ongoing", "2021-12-26~/..",
			"from late December 2021, approximately, ongoing"},
		{"an unknown start words its end's qualifier", "/2021-12-26~", "by late December 2021, approximately"},
		{"days of one month share the month", "2022-01-24/2022-01-27", "24–27 January 2022"},
		{"days of one year share the year", "2022-01-24/2022-02-03", "24 January – 3 February 2022"},
		{"days of two years share nothing", "2021-12-30/2022-01-02", "30 December 2021 – 2 January 2022"},
		{"months of two years share nothing", "2021-12/2022-02", "December 2021 – February 2022"},
		{"months of one year share the year with a closed dash", "2022-01/2022-03", "January–March 2022"},
		{"years join with a closed dash", "2014/2020", "2014–2020"},
		{"a year and a day share nothing", "2014/2022-01-27", "2014 – 27 January 2022"},
		{"an approximate end is worded and qualified once at the end", "2022-01-27/2022-02-15~",
			"27 January – mid-February 2022, approximately"},
		{"approximate days of one month do not share it", "2022-01-05~/2022-01-25~",
			"early January – late January 2022, approximately"},
		{"qualifiers of both ends are merged", "2022-01-05~/2022-01-25?",
			"early January – 25 January 2022, approximately and uncertain"},
		{"an interval of one day is worded as the day", "2022-01-24/2022-01-24", "24 January 2022"},
		{"the zero date has no words", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.in)
			if got := d.Words(); got != tt.want {
				t.Errorf("ParseDate(%q).Words() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// mustParse parses s, or returns the zero Date for "".
func mustParse(t *testing.T, s string) Date {
	t.Helper()
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDateFirstLast(t *testing.T) {
	asOf := ymd(2022, 1, 27)
	tests := []struct {
		name        string
		in          string
		asOf        time.Time
		first, last time.Time
	}{
		{"a day is its own first and last day", "2022-01-21", asOf, ymd(2022, 1, 21), ymd(2022, 1, 21)},
		{"a month runs to its last day", "2020-07", asOf, ymd(2020, 7, 1), ymd(2020, 7, 31)},
		{"February of a leap year runs to the 29th", "2024-02", asOf, ymd(2024, 2, 1), ymd(2024, 2, 29)},
		{"a year runs to 31 December", "2014", asOf, ymd(2014, 1, 1), ymd(2014, 12, 31)},
		{"a closed interval runs to its end's last day", "2021-12/2022-02", asOf, ymd(2021, 12, 1), ymd(2022, 2, 28)},
		{"an ongoing interval runs to asOf", "2014/..", asOf, ymd(2014, 1, 1), asOf},
		{"an ongoing interval runs to asOf's calendar day", "2014/..",
			time.Date(2022, 1, 27, 23, 59, 0, 0, time.FixedZone("UTC+3", 3*3600)), ymd(2014, 1, 1), asOf},
		{"an ongoing interval never ends before its start ends", "2022-03/..", asOf, ymd(2022, 3, 1), ymd(2022, 3, 31)},
		{"an ongoing interval with no asOf ends with its start", "2014/..", time.Time{}, ymd(2014, 1, 1), ymd(2014, 12, 31)},
		{"an unknown end ends with the start", "2014/", asOf, ymd(2014, 1, 1), ymd(2014, 12, 31)},
		{"an open start begins at the end", "../2022-01", asOf, ymd(2022, 1, 1), ymd(2022, 1, 31)},
		{"an unknown start begins at the end", "/2022-01-27", asOf, ymd(2022, 1, 27), ymd(2022, 1, 27)},
		{"the zero date covers no day", "", asOf, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.in)
			if got := d.First(); !got.Equal(tt.first) {
				t.Errorf("First() = %v, want %v", got, tt.first)
			}
			if got := d.Last(tt.asOf); !got.Equal(tt.last) {
				t.Errorf("Last(%v) = %v, want %v", tt.asOf, got, tt.last)
			}
		})
	}
}

func TestPointLastAndIsZero(t *testing.T) {
	if got := (Point{}).Last(); !got.IsZero() {
		t.Errorf("Point{}.Last() = %v, want the zero time", got)
	}
	if !(Point{}).IsZero() {
		t.Error("Point{}.IsZero() = false, want true")
	}
	p := Point{Time: ymd(2022, 12, 1), Precision: PrecisionMonth}
	if got := p.Last(); !got.Equal(ymd(2022, 12, 31)) {
		t.Errorf("December's Last() = %v, want 31 December", got)
	}
	if p.IsZero() {
		t.Error("a month's IsZero() = true, want false")
	}
}

func TestDateHolds(t *testing.T) {
	asOf := ymd(2022, 1, 27)
	tests := []struct {
		name string
		in   string
		t    time.Time
		want bool
	}{
		{"a day holds itself", "2022-01-21", ymd(2022, 1, 21), true},
		{"a day holds any time of itself", "2022-01-21", time.Date(2022, 1, 21, 23, 59, 59, 0, time.UTC), true},
		{"a day holds a time by its own location's calendar",
			"2022-01-21", time.Date(2022, 1, 21, 1, 0, 0, 0, time.FixedZone("UTC+3", 3*3600)), true},
		{"a day does not hold the next day", "2022-01-21", ymd(2022, 1, 22), false},
		{"a month holds its last day", "2020-07", ymd(2020, 7, 31), true},
		{"a month does not hold the next month", "2020-07", ymd(2020, 8, 1), false},
		{"an interval holds its first day", "2022-01-24/2022-01-27", ymd(2022, 1, 24), true},
		{"an interval holds its last day", "2022-01-24/2022-01-27", ymd(2022, 1, 27), true},
		{"an interval does not hold the day before", "2022-01-24/2022-01-27", ymd(2022, 1, 23), false},
		{"an ongoing interval holds asOf", "2014/..", asOf, true},
		{"an ongoing interval does not hold the day after asOf", "2014/..", ymd(2022, 1, 28), false},
		{"an unknown end holds only the start", "2014/", ymd(2015, 1, 1), false},
		{"an open start holds its end", "../2022-01-27", ymd(2022, 1, 27), true},
		{"an open start does not hold days before its end", "../2022-01-27", ymd(2022, 1, 26), false},
		{"the zero date holds nothing", "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.in)
			if got := d.Holds(tt.t, asOf); got != tt.want {
				t.Errorf("ParseDate(%q).Holds(%v) = %v, want %v", tt.in, tt.t, got, tt.want)
			}
		})
	}
}

func TestDatePrecisionWordsAndExact(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		words string
		exact bool
	}{
		{"a day is an exact day", "2022-01-21", "exact day", true},
		{"a month is to the month", "2020-07", "to the month", false},
		{"a year is to the year", "2014", "to the year", false},
		{"tilde is approximate", "2021-12-17~", "approximate", false},
		{"question mark is uncertain", "2022-01-26?", "uncertain", false},
		{"percent is approximate and uncertain", "2022-01-26%", "approximate and uncertain", false},
		{"a closed interval is an interval", "2022-01-24/2022-01-27", "interval", false},
		{"an interval of one day is still an interval", "2022-01-24/2022-01-24", "interval", false},
		{"an interval with an approximate end says so", "2022-01-27/2022-02-15~", "interval, approximate", false},
		{"an open end is ongoing", "2014/..", "ongoing", false},
		{"an unknown end is end unknown", "2014/", "end unknown", false},
		{"an open start is open start", "../2022-01-27", "open start", false},
		{"an unknown start is start unknown", "/2022-01-27", "start unknown", false},
		{"an unknown start with an uncertain end says so", "/2022-01-27?", "start unknown, uncertain", false},
		{"the zero date has no precision", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.in)
			if got := d.PrecisionWords(); got != tt.words {
				t.Errorf("ParseDate(%q).PrecisionWords() = %q, want %q", tt.in, got, tt.words)
			}
			if got := d.Exact(); got != tt.exact {
				t.Errorf("ParseDate(%q).Exact() = %v, want %v", tt.in, got, tt.exact)
			}
		})
	}
}

func TestDateStringIsRaw(t *testing.T) {
	for _, s := range []string{"2022-01-21", "2014/..", "/2022-01-27", "2022-01-27/2022-02-15~"} {
		if got := mustParse(t, s).String(); got != s {
			t.Errorf("ParseDate(%q).String() = %q", s, got)
		}
	}
}

func ExampleParseDate() {
	d, err := ParseDate("2022-01-27/2022-02-15~")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Words())
	fmt.Println(d.PrecisionWords())
	fmt.Println(d.First().Format("2006-01-02"), d.Last(time.Time{}).Format("2006-01-02"))

	_, err = ParseDate("2022-13-01")
	fmt.Println(err)
	// Output:
	// 27 January – mid-February 2022, approximately
	// interval, approximate
	// 2022-01-27 2022-02-15
	// "2022-13-01": month 13 is out of range
}

// TestYearsBeforeTheYearOne pins EDTF's astronomical numbering on both sides of the missing year 0
// of the BC/AD count: 0000 is 1 BC, the year before AD 1, and -0001 the year before that.
func TestYearsBeforeTheYearOne(t *testing.T) {
	tests := []struct {
		in   string
		year int // Time.Year(), astronomical
		last time.Time
	}{
		{"0001", 1, ymd(1, 12, 31)},
		{"0000", 0, ymd(0, 12, 31)},
		{"-0001", -1, ymd(-1, 12, 31)},
		{"-0752", -752, ymd(-752, 12, 31)},
		{"Y-13800000000", -13_800_000_000, ymd(-13_800_000_000, 12, 31)},
		{"Y-138E8", -13_800_000_000, ymd(-13_800_000_000, 12, 31)},
		{"Y170000002", 170_000_002, ymd(170_000_002, 12, 31)},
	}
	for _, tt := range tests {
		d := mustParse(t, tt.in)
		if d.Start.Time.Year() != tt.year || d.Start.Precision != PrecisionYear || !d.Last(time.Time{}).Equal(tt.last) {
			t.Errorf("ParseDate(%q): year %d, last day %v; want year %d, last day %v", tt.in, d.Start.Time.Year(), d.Last(time.Time{}), tt.year, tt.last)
		}
	}
	// 1 BC and AD 1 are adjacent: the last day of one is the day before the first of the other.
	bc, ad := mustParse(t, "0000"), mustParse(t, "0001")
	if !bc.Last(time.Time{}).AddDate(0, 0, 1).Equal(ad.First()) {
		t.Errorf("the day after 1 BC ends is %v, want AD 1 begins, %v", bc.Last(time.Time{}).AddDate(0, 0, 1), ad.First())
	}
	// The year 0 (1 BC) is a leap year, and so is -0004 (5 BC); -0001 (2 BC) is not.
	for in, ok := range map[string]bool{"0000-02-29": true, "-0004-02-29": true, "-0001-02-29": false, "-0100-02-29": false} {
		if _, err := ParseDate(in); (err == nil) != ok {
			t.Errorf("ParseDate(%q) error %v, want ok %v", in, err, ok)
		}
	}
	// Deep time orders as it should, across the year 0.
	order := []string{"Y-13800000000", "Y-4600000000", "Y-66000000", "-0752", "0000", "0001", "2022", "Y170000002"}
	for i := 1; i < len(order); i++ {
		a, b := mustParse(t, order[i-1]), mustParse(t, order[i])
		if !a.Last(time.Time{}).Before(b.First()) {
			t.Errorf("%s does not end before %s starts", order[i-1], order[i])
		}
	}
}

func TestReckoningWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		r    Reckoning
		want string
	}{
		{"BCE for the common era notation", "-0752", Reckoning{AsOfYear: 2022, HasAsOf: true, Common: true}, "753 BCE"},
		{"CE after early years", "0079", Reckoning{AsOfYear: 2022, HasAsOf: true, Common: true}, "79 CE"},
		{"BCE years share the era", "-0752/-0508", Reckoning{AsOfYear: 2022, HasAsOf: true, Common: true}, "753–509 BCE"},
		{"years ago count from asOf", "-9999", Reckoning{AsOfYear: 2022, HasAsOf: true}, "12,000 years ago"},
		{"a year 10,000 years before asOf is named", "-7978", Reckoning{AsOfYear: 2022, HasAsOf: true}, "7979 BC"},
		{"one more year counts years ago", "-7979", Reckoning{AsOfYear: 2022, HasAsOf: true}, "10,000 years ago"},
		{"a story set in Rome counts from its own asOf", "Y-10752", Reckoning{AsOfYear: -43, HasAsOf: true}, "10,710 years ago"},
		{"deep years do not change with the notation", "Y-13800000000", Reckoning{AsOfYear: 2022, HasAsOf: true, Common: true}, "13.8 billion years ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.in)
			d.Reckoning = tt.r
			if got := d.Words(); got != tt.want {
				t.Errorf("%q.Words() with %+v = %q, want %q", tt.in, tt.r, got, tt.want)
			}
		})
	}
	for in, want := range map[string]string{
		"Y-13800000000":  "to the nearest 100 million years",
		"Y-13800000000~": "approximate",
		"Y-12345":        "to the nearest 10 years",
		"-0752":          "to the year",
		"-0043-03-15":    "exact day",
	} {
		if got := mustParse(t, in).PrecisionWords(); got != want {
			t.Errorf("%q.PrecisionWords() = %q, want %q", in, got, want)
		}
	}
}

func TestCountYears(t *testing.T) {
	for _, tt := range []struct {
		n, sig int
		want   string
	}{
		{1, 3, "1 year"}, {2, 3, "2 years"}, {999, 3, "999 years"}, {9999, 3, "10,000 years"}, {12345, 3, "12,300 years"},
		{12345, 0, "12,345 years"}, {999_999_999, 3, "1 billion years"}, {66_002_022, 2, "66 million years"},
		{13_800_002_022, 3, "13.8 billion years"}, {4_567_002_022, 3, "4.57 billion years"},
	} {
		if got := CountYears(tt.n, tt.sig); got != tt.want {
			t.Errorf("CountYears(%d, %d) = %q, want %q", tt.n, tt.sig, got, tt.want)
		}
	}
}

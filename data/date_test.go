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
		{"a five-digit year is rejected", "20220", `"20220": year must have 4 digits (YYYY)`},
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
		{"negative years are rejected", "-0100", `"-0100": negative years are not supported`},
		{"long years are rejected", "Y170000002", `"Y170000002": years beyond 9999 (Y prefix) are not supported`},
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
		{"year 0900 has no leading zero", "0900", "900"},
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

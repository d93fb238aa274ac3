using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Escalation.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Escalation.IntegrationTests.ApiTests;

/// <summary>
/// Thousands of malformed and hostile bodies, from a seeded generator, on every POST route. Each request is invalid
/// by construction (its body, its If-Match, or on the whistle routes the whistle it names; hostile text sits only
/// beside such a fault), is sent by a user whose role may use the route on a ticket it can see and that is in the
/// state where a valid request would succeed (so it reaches body parsing, validation and the domain), and must be
/// refused with the exact status its first fault draws, as problem details, leaving the store exactly as it was.
/// </summary>
/// <remarks>
/// Not generated here, each tested on its own in <see cref="RequestEdgeTests"/>: a JSON <c>null</c> body,
/// content types other than JSON, and If-Match on merge.
/// </remarks>
public sealed class FuzzTests(EscalationApp app, ITestOutputHelper output) : IClassFixture<EscalationApp>
{
    private const int Seed = 20_261_123;
    private const int CasesPerRoute = 200;
    private const int BodyLimit = 64 * 1024;

    // The status each kind of fault draws. Field validation runs before the domain decides, so a 400 fault
    // outweighs a 422 one; a body over the limit is refused (413) before anything reads it.
    private const int BadRequest = 400;
    private const int TooLarge = 413;
    private const int Refused = 422;

    [Fact]
    public async Task malformed_and_hostile_bodies_are_refused_with_problem_details_and_change_nothing()
    {
        var tickets = await ArrangeAsync();
        var routes = Routes(tickets);
        var random = new Random(Seed);
        var cases = routes.SelectMany(route => Enumerable.Range(0, CasesPerRoute).Select(_ => route.Generate(random))).ToList();
        var rowsBefore = await CountRowsAsync();
        var ticketsBefore = await SnapshotAsync(tickets.All);

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var statuses = new SortedDictionary<string, int>();
        for (var i = 0; i < cases.Count; i++)
        {
            var fuzz = cases[i];
            using var response = await Client(fuzz.User).SendAsync(fuzz.ToRequest());
            var status = (int)response.StatusCode;
            var key = $"{fuzz.Route} {status}";
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (Check(status, response.Content.Headers.ContentType?.MediaType, text, fuzz.Expected) is { } wrong)
                failures.Add($"#{i} {fuzz.Describe()} answered {status} {response.Content.Headers.ContentType}: {Shorten(text, 400)} ({wrong})");
        }
        clock.Stop();
        output.WriteLine($"seed {Seed}: {cases.Count} requests in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(string.Join(Environment.NewLine, statuses.Select(s => $"  {s.Key} × {s.Value}")));

        failures.Count.ShouldBe(0,
            $"seed {Seed}: {failures.Count} of {cases.Count} requests were answered wrongly, among them:{Environment.NewLine}" +
            string.Join(Environment.NewLine, failures.Take(25)));
        (await CountRowsAsync()).ShouldBe(rowsBefore, $"seed {Seed}: rows of the escalation schema changed");
        (await SnapshotAsync(tickets.All)).ShouldBe(ticketsBefore, $"seed {Seed}: a fuzzed ticket or its history changed");
        cases.Count.ShouldBeGreaterThanOrEqualTo(2000);
    }

    /// <summary>Why the answer is wrong, or null when it is right.</summary>
    private static string? Check(int status, string? mediaType, string body, int expected)
    {
        if (status is >= 200 and < 300)
            return "an invalid request was accepted";
        if (status >= 500)
            return "server error";
        if (status != expected)
            return $"expected {expected}";
        if (mediaType != "application/problem+json")
            return "not problem details";
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("status", out var said) || !said.TryGetInt32(out var saidStatus) || saidStatus != status)
                return "problem details without a title or with another status";
        }
        catch (JsonException)
        {
            return "problem details that are not JSON";
        }
        return null;
    }

    // ---- The tickets fuzzed, each in the state where its routes' commands would succeed with a valid body ----

    private sealed record Tickets(
        Guid Reported, Guid Master, Guid Hidden, Guid Withdrawn, Guid AtVillage, Guid AtCounty,
        Guid Whistled, Guid WhistleId, Guid Resolved, Guid Rated)
    {
        public Guid[] All => [Reported, Master, Hidden, Withdrawn, AtVillage, AtCounty, Whistled, Resolved, Rated];
    }

    private async Task<Tickets> ArrangeAsync()
    {
        var op = Client("op-01");
        var township = Client("disp-SC-T01");
        var village = Client("disp-SC-T01-V01");
        var county = Client("disp-SC");

        var reported = await op.ReportAsync();
        var master = await op.ReportAsync();
        var hidden = await Client("op-02").ReportAsync(Api.NewTicket(villageCode: "SC-T02-V01"));
        var withdrawn = await op.ReportAsync();
        await op.DoAsync(withdrawn, "withdraw", new { reason = "市民已自行解决" });

        var atVillage = await op.ReportAsync();
        await township.DoAsync(atVillage, "triage", new { categoryCode = "M-LE-01" });

        var atCounty = await op.ReportAsync();
        await township.DoAsync(atCounty, "triage", new { categoryCode = "M-LE-01", unitCode = "SC" });
        await county.DoAsync(atCounty, "accept");

        var whistled = await op.ReportAsync();
        await township.DoAsync(whistled, "triage", new { categoryCode = "M-LE-01", unitCode = "SC-T01" });
        await township.DoAsync(whistled, "accept");
        var whistle = await township.DoAsync(whistled, "whistles", new { departmentCodes = new[] { "D-UM", "D-MR" }, reason = "占道经营屡劝不改" });

        var resolved = await op.ReportAsync();
        await township.DoAsync(resolved, "triage", new { categoryCode = "M-LE-01" });
        await village.DoAsync(resolved, "accept");
        await village.DoAsync(resolved, "resolve", new { summary = "摊位已劝离" });

        var rated = await op.ReportAsync();
        await township.DoAsync(rated, "triage", new { categoryCode = "M-LE-01" });
        await village.DoAsync(rated, "accept");
        await village.DoAsync(rated, "resolve", new { summary = "摊位已劝离" });
        await op.DoAsync(rated, "rating", new { rating = "satisfied" });

        return new Tickets(reported, master, hidden, withdrawn, atVillage, atCounty,
            whistled, whistle.GetProperty("whistleId").GetGuid(), resolved, rated);
    }

    // ---- The routes: who calls each, on which ticket, with which fields ----

    private static readonly string[] Categories = ["M-LE-01", "M-LE-06", "M-WS-03", "M-PO-01", "M-EE-04"];

    private static List<Route> Routes(Tickets t)
    {
        var ticket = (Guid id, string command) => $"/api/tickets/{id}/{command}";
        var whistle = (string command) => $"/api/tickets/{t.Whistled}/whistles/{t.WhistleId}/{command}";
        return
        [
            new("report", "op-01", "/api/tickets", ReadsIfMatch: false,
            [
                new Choice("channel", Required: true, ["hotline", "grid-worker", "app", "walk-in", "letter"]),
                new Text("description", Required: true, 4000),
                new Citizen(),
                new Location(),
                new Code("categoryCode", Required: false, Categories, ["M-XX-01", "M-LE-99", "M-LE-1", "LE-01"]),
                new Choice("urgency", Required: false, ["normal", "urgent", "emergency"]),
            ], Extra: IdempotencyKey),
            new("triage", "disp-SC-T01", ticket(t.Reported, "triage"), ReadsIfMatch: true,
            [
                new Code("categoryCode", Required: true, Categories, ["M-XX-01", "M-LE-99", "M-LE-1"]),
                new Code("unitCode", Required: false, ["SC-T01-V01", "SC-T01", "SC"], ["SC-T02", "SC-T01-V02", "SC-T01-V01-G01", "SC-T99"]),
            ]),
            new("accept", "disp-SC-T01-V01", ticket(t.AtVillage, "accept"), ReadsIfMatch: true, []),
            new("escalate", "disp-SC-T01-V01", ticket(t.AtVillage, "escalate"), ReadsIfMatch: true,
            [
                new Choice("reason", Required: true, ["deadline-missed", "beyond-powers", "by-hand"], Reserved: ["citizen-unsatisfied"]),
                new Text("note", Required: false, 1000),
            ]),
            new("return", "disp-SC-T01-V01", ticket(t.AtVillage, "return"), ReadsIfMatch: true, [new Text("reason", Required: true, 1000)]),
            new("transfer", "disp-SC", ticket(t.AtCounty, "transfer"), ReadsIfMatch: true,
            [
                new Code("departmentCode", Required: true, ["D-UM"], ["D-HE", "D-JU", "D-XX", "D-UM-01", "UM"]),
            ]),
            new("whistles", "disp-SC-T01", ticket(t.Whistled, "whistles"), ReadsIfMatch: true,
            [
                new Departments(),
                new Text("reason", Required: true, 1000),
            ]),
            new("report-in", "dept-D-UM", whistle("report-in"), ReadsIfMatch: true,
            [
                new Flag("onSite"),
                new Text("note", Required: false, 1000),
            ], Extra: UnknownWhistle, PathRefusable: true),
            new("return-summons", "dept-D-MR", whistle("return"), ReadsIfMatch: true, [new Text("reason", Required: true, 1000)], Extra: UnknownWhistle, PathRefusable: true),
            new("progress", "disp-SC-T01", ticket(t.Whistled, "progress"), ReadsIfMatch: true, [new Text("note", Required: true, 4000)]),
            new("resolve", "disp-SC-T01", ticket(t.Whistled, "resolve"), ReadsIfMatch: true, [new Text("summary", Required: true, 4000)]),
            new("urge", "disp-SC", ticket(t.Whistled, "urge"), ReadsIfMatch: true, [new Text("note", Required: true, 1000)]),
            new("rating", "op-01", ticket(t.Resolved, "rating"), ReadsIfMatch: true,
            [
                new Choice("rating", Required: true, ["satisfied", "basically-satisfied", "unsatisfied"]),
                new Text("comment", Required: false, 1000),
            ]),
            new("reopen", "disp-SC-T01-V01", ticket(t.Resolved, "reopen"), ReadsIfMatch: true, [new Text("reason", Required: true, 1000)]),
            new("close", "disp-SC-T01-V01", ticket(t.Rated, "close"), ReadsIfMatch: true, [new Text("note", Required: false, 1000)], BodyOptional: true),
            new("merge", "disp-SC-T01", ticket(t.Reported, "merge"), ReadsIfMatch: false, [new TicketRef(t)]),
            new("withdraw", "op-01", ticket(t.Reported, "withdraw"), ReadsIfMatch: true, [new Text("reason", Required: true, 1000)]),
            new("erase-citizen-data", "admin", ticket(t.Reported, "erase-citizen-data"), ReadsIfMatch: true, []),
        ];

        // A whistle the ticket never had: the body aside, the domain refuses it (always, when the body holds no fault).
        static void UnknownWhistle(Random r, Draft d)
        {
            if (d.RefusalsOnly || r.Next(6) == 0)
            {
                d.Path = d.Path.Replace(d.Path.Split('/')[5], RandomGuid(r).ToString(), StringComparison.Ordinal);
                d.Fault("unknown whistle", Refused);
            }
        }

        static void IdempotencyKey(Random r, Draft d)
        {
            switch (d.RefusalsOnly ? 2 + r.Next(8) : r.Next(10))
            {
                case 0:
                    d.Headers.Add(("Idempotency-Key", new string('k', 201 + r.Next(300))));
                    d.Fault("Idempotency-Key too long", BadRequest);
                    break;
                case 1:
                    d.Headers.Add(("Idempotency-Key", "key\twith a tab"));
                    d.Fault("Idempotency-Key with a control character", BadRequest);
                    break;
                case 2 or 3:
                    d.Headers.Add(("Idempotency-Key", RandomGuid(r).ToString()));
                    break;
            }
        }
    }

    // ---- One generated request ----

    private sealed record Fuzz(string Route, string User, string Path, byte[] Body, IReadOnlyList<(string Name, string Value)> Headers, int Expected, string Faults)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in Headers)
                request.Headers.TryAddWithoutValidation(name, value);
            return request;
        }

        public string Describe() =>
            $"{Route} as {User} [{Faults}] POST {Path} {string.Join(" ", Headers.Select(h => $"{h.Name}: {Shorten(h.Value, 60)}"))} " +
            $"body ({Body.Length} bytes) {Shorten(Encoding.UTF8.GetString(Body), 300)}";
    }

    /// <summary>A request being built: its members (JSON written by hand, so it can be anything), and its faults so far.</summary>
    private sealed class Draft(string path)
    {
        public string Path { get; set; } = path;
        public List<(string Name, string? Json)> Members { get; } = [];
        public List<(string Name, string Value)> Headers { get; } = [];
        public List<string> Faults { get; } = [];

        /// <summary>The members the request type reads (others are skipped unread, whatever they hold).</summary>
        public HashSet<string> Fields { get; } = [];

        /// <summary>Only faults the domain refuses (422): the body parses and passes validation, and the command is decided.</summary>
        public bool RefusalsOnly { get; set; }

        public int? Status { get; private set; }

        public void Fault(string what, int status)
        {
            Faults.Add(what);
            Status = Status is { } s ? Math.Min(s, status) : status;
        }

        public string Json() => "{" + string.Join(",", Members.Where(m => m.Json is not null).Select(m => $"{Str(m.Name)}:{m.Json}")) + "}";
    }

    private sealed record Route(
        string Name, string User, string Path, bool ReadsIfMatch, Field[] Fields,
        Action<Random, Draft>? Extra = null, bool BodyOptional = false, bool PathRefusable = false)
    {
        public Fuzz Generate(Random r)
        {
            var draft = new Draft(Path);
            string body;
            if (Fields.Length == 0)
            {
                // The command reads no body: only a malformed If-Match (or the body's size) makes it invalid.
                body = r.Next(3) == 0 ? "" : Junk(r);
                draft.Headers.Add(("If-Match", Pick(r, BadIfMatch)));
                draft.Fault("malformed If-Match", BadRequest);
            }
            else if (r.Next(100) < 6)
            {
                body = Pick(r, BodyOptional ? NotAnObject : [.. NotAnObject, "", "   ", "\r\n"]);
                draft.Fault("not a JSON object", BadRequest);
            }
            else
            {
                body = Body(r, draft);
            }

            var bytes = Bytes(r, body, draft);
            if (bytes.Length > BodyLimit)
                draft.Fault("over 64 KiB", TooLarge);
            var expected = bytes.Length > BodyLimit ? TooLarge : draft.Status!.Value;
            return new Fuzz(Name, User, draft.Path, bytes, draft.Headers, expected, string.Join("; ", draft.Faults));
        }

        private string Body(Random r, Draft draft)
        {
            var refusable = Fields.Where(f => f.Refusable).ToArray();
            draft.RefusalsOnly = (refusable.Length > 0 || PathRefusable) && r.Next(4) == 0;
            var faulty = (draft.RefusalsOnly ? refusable : Fields).OrderBy(_ => r.Next()).Take(r.Next(4) == 0 ? 2 : 1).ToHashSet();
            foreach (var field in Fields)
            {
                draft.Fields.Add(field.Name);
                if (faulty.Contains(field))
                {
                    var bad = draft.RefusalsOnly ? field.Refusal(r)! : field.Invalid(r);
                    draft.Members.Add((field.Name, bad.Json));
                    draft.Fault($"{field.Name}: {bad.Why}", bad.Status);
                }
                else
                {
                    draft.Members.Add((field.Name, field.Valid(r)));
                }
            }
            Extra?.Invoke(r, draft);
            if (r.Next(10) < 4)
            {
                for (var n = r.Next(1, 4); n > 0; n--)
                    draft.Members.Insert(r.Next(draft.Members.Count + 1), Pick(r, UnknownMembers));
            }
            if (r.Next(10) == 0 && draft.Members.LastOrDefault(m => faulty.Any(f => f.Name == m.Name) && m.Json is not null) is { Name: not null } again)
                draft.Members.Add(again); // the same key twice: the last (invalid) value is the one read
            if (r.Next(12) == 0)
                draft.Members.Reverse();
            if (draft.RefusalsOnly)
                return draft.Json();
            if (ReadsIfMatch && r.Next(10) == 0)
            {
                draft.Headers.Add(("If-Match", Pick(r, BadIfMatch)));
                draft.Fault("malformed If-Match", BadRequest);
            }
            return r.Next(100) < 22 ? Corrupt(r, draft) : draft.Json();
        }
    }

    /// <summary>Encodes the body, sometimes with a byte-order mark, invalid UTF-8 or padding up to and over the 64 KiB limit.</summary>
    private static byte[] Bytes(Random r, string body, Draft draft)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var marker = Encoding.UTF8.GetBytes(InvalidUtf8Marker);
        if (bytes.AsSpan().IndexOf(marker) is var at and >= 0)
            bytes = [.. bytes[..at], 0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, .. bytes[(at + marker.Length)..]];
        if (r.Next(25) == 0)
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        var pad = r.Next(40) switch
        {
            0 => BodyLimit - bytes.Length,          // exactly at the limit: read and refused for its faults
            1 => BodyLimit + 1 - bytes.Length,      // one byte over
            2 => BodyLimit + r.Next(1, 200_000),    // far over
            _ => 0,
        };
        if (pad > 0)
            bytes = [.. bytes, .. Enumerable.Range(0, pad).Select(i => (byte)" \t\r\n"[i % 4])];
        return bytes;
    }

    // ---- Fields: a valid value (often hostile-looking), or an invalid one with the status it draws ----

    private sealed record Bad(string? Json, string Why, int Status);

    private abstract record Field(string Name)
    {
        /// <summary>A value the host accepts for this field; null leaves the field out.</summary>
        public abstract string? Valid(Random r);

        public abstract Bad Invalid(Random r);

        /// <summary>Whether the field has values that pass validation and that the domain refuses.</summary>
        public virtual bool Refusable => false;

        /// <summary>A value that passes validation and that the domain refuses (422).</summary>
        public virtual Bad? Refusal(Random r) => null;
    }

    /// <summary>Free text: not blank when required, at most <paramref name="Max"/> characters, no control characters but line breaks and tabs.</summary>
    private sealed record Text(string Name, bool Required, int Max) : Field(Name)
    {
        public override string? Valid(Random r) => !Required && r.Next(4) == 0 ? OptionalAbsent(r) : Str(ValidText(r, Max), r);

        public override Bad Invalid(Random r) => TextFault(r, Required, Max, allowUnknown: null);
    }

    /// <summary>A code looked up in the reference data: unknown ones pass validation and the domain refuses them.</summary>
    private sealed record Code(string Name, bool Required, string[] Known, string[] Unknown) : Field(Name)
    {
        public override bool Refusable => true;

        public override string? Valid(Random r) => !Required && r.Next(4) == 0 ? OptionalAbsent(r) : Str(Pick(r, Known), r);

        public override Bad Invalid(Random r) => TextFault(r, Required, 64, allowUnknown: () => Refusal(r));

        public override Bad Refusal(Random r)
        {
            var unknown = r.Next(2) == 0 ? Pick(r, Unknown) : UnknownLike(r, Pick(r, Known));
            return new Bad(Str(unknown, r), $"unknown code {Shorten(unknown, 40)}", Refused);
        }
    }

    private sealed record Choice(string Name, bool Required, string[] Values, string[]? Reserved = null) : Field(Name)
    {
        public override bool Refusable => Reserved is not null;

        public override string? Valid(Random r) => !Required && r.Next(4) == 0 ? OptionalAbsent(r) : Str(Pick(r, Values), r);

        public override Bad Invalid(Random r)
        {
            if (Reserved is not null && r.Next(4) == 0)
                return Refusal(r)!;
            switch (r.Next(Required ? 5 : 4))
            {
                case 0: return new Bad(Pick(r, NotAString), "not a string", BadRequest);
                case 1: return new Bad(Pick(r, LoneSurrogates), "a lone surrogate", BadRequest);
                case 4: return Missing(r);
            }
            var value = Pick(r, Values);
            string misspelt;
            do
            {
                misspelt = r.Next(14) switch
                {
                    0 => value.ToUpperInvariant(),
                    1 => char.ToUpperInvariant(value[0]) + value[1..],
                    2 => value + " ",
                    3 => " " + value,
                    4 => value.Replace('-', '_'),
                    5 => string.Concat(value.Split('-').Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])),
                    6 => value + "\u200F",
                    7 => "\u202E" + value,
                    8 => value + "\u0000",
                    9 => r.Next(-1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    10 => value + "s",
                    11 => Pick(r, Hostile),
                    12 => string.Join(",", Values),
                    _ => value.Replace("e", "\u0435", StringComparison.Ordinal) + "x", // Cyrillic е
                };
            }
            while (Values.Contains(misspelt, StringComparer.Ordinal) || string.IsNullOrWhiteSpace(misspelt) || Reserved?.Contains(misspelt) == true);
            return new Bad(Str(misspelt, r), $"not one of the values: {Shorten(misspelt, 40)}", BadRequest);
        }

        public override Bad? Refusal(Random r) =>
            Reserved is null ? null : new Bad(Str(Pick(r, Reserved), r), "a value the domain reserves", Refused);
    }

    /// <summary>A required boolean.</summary>
    private sealed record Flag(string Name) : Field(Name)
    {
        public override string? Valid(Random r) => r.Next(2) == 0 ? "true" : "false";

        public override Bad Invalid(Random r) => r.Next(4) == 0
            ? Missing(r)
            : new Bad(Pick(r, ["\"true\"", "\"false\"", "\"yes\"", "\"\"", "1", "0", "-1", "1.0", "[]", "[true]", "{}", "\"on\"", "\"True\""]), "not a boolean", BadRequest);
    }

    /// <summary>The whistle's departments: 1 to 20 codes, none blank; each must exist and appear once.</summary>
    private sealed record Departments() : Field("departmentCodes")
    {
        public override bool Refusable => true;

        private static readonly string[] Known = ["D-UM", "D-MR", "D-PS", "D-HC", "D-EM"];

        public override string? Valid(Random r) =>
            ArrayOf(Known.OrderBy(_ => r.Next()).Take(r.Next(1, Known.Length + 1)).Select(c => Str(r.Next(6) == 0 ? $" {c} " : c, r)));

        public override Bad Invalid(Random r)
        {
            var known = Known.OrderBy(_ => r.Next()).Take(r.Next(0, 3)).Select(c => Str(c, r)).ToList();
            switch (r.Next(9))
            {
                case 0: return Missing(r);
                case 1: return new Bad("[]", "no departments", BadRequest);
                case 2: return new Bad(ArrayOf(Enumerable.Range(0, r.Next(21, 60)).Select(i => Str(Known[i % Known.Length], r))), "more than 20 departments", BadRequest);
                case 3: return new Bad(ArrayOf(Shuffle(r, [.. known, Pick(r, ["null", "\"\"", "\"   \"", "\"\\t\""])])), "a blank department", BadRequest);
                case 4: return new Bad(Pick(r, ["\"D-UM\"", "1", "true", "{}", "{\"0\":\"D-UM\"}", "[1]", "[true]", "[[\"D-UM\"]]", "[{}]", "[\"D-UM\",2]"]), "not an array of strings", BadRequest);
                case 5: return new Bad(ArrayOf([.. known, Pick(r, LoneSurrogates)]), "a lone surrogate", BadRequest);
                default: return Refusal(r);
            }
        }

        public override Bad Refusal(Random r)
        {
            var known = Known.OrderBy(_ => r.Next()).Take(r.Next(0, 3)).Select(c => Str(c, r)).ToList();
            if (r.Next(4) == 0)
            {
                var twice = Pick(r, Known);
                return new Bad(ArrayOf(Shuffle(r, [.. known.Where(k => !k.Contains(twice, StringComparison.Ordinal)), Str(twice, r), Str(r.Next(2) == 0 ? twice : $" {twice}", r)])), $"{twice} named twice", Refused);
            }
            var unknown = r.Next(5) == 0 ? Pick(r, Hostile) + new string('D', r.Next(3000)) : r.Next(2) == 0 ? Pick(r, ["D-XX", "D-um", "D-UM\u0000", "D-UM\u0001", "D-", "-"]) : UnknownLike(r, Pick(r, Known));
            // A code over 64 characters or with a control character is an invalid field (400); any other unknown code
            // is for the domain to refuse (422).
            var malformed = unknown.Length > 64 || unknown.Any(char.IsControl);
            return new Bad(ArrayOf(Shuffle(r, [.. known, Str(unknown, r)])), $"unknown department {Shorten(unknown, 40)}", malformed ? BadRequest : Refused);
        }
    }

    /// <summary>The master of a merge: an open ticket the caller can see, other than the duplicate.</summary>
    private sealed record TicketRef(Tickets Tickets) : Field("intoTicketId")
    {
        public override bool Refusable => true;

        public override string? Valid(Random r) => Str(Tickets.Master.ToString(), r);

        public override Bad Invalid(Random r) => r.Next(12) switch
        {
            0 => Missing(r),
            1 => new Bad(Str(RandomGuid(r).ToString(), r), "no such ticket", BadRequest),
            2 => new Bad(Str(Tickets.Hidden.ToString(), r), "a ticket the caller cannot see", BadRequest),
            3 => new Bad(Str(Guid.Empty.ToString(), r), "the empty id", BadRequest),
            4 or 5 => Refusal(r),
            6 => new Bad(Str("{" + RandomGuid(r) + "}", r), "an unknown id in braces", BadRequest),
            7 => new Bad(Str(Tickets.Master + Pick(r, ["'; drop table escalation.mt_events; --", "x", " ", "\u200B"]), r), "an id with a tail", BadRequest),
            8 => new Bad(Pick(r, NotAString), "not a string", BadRequest),
            9 => new Bad(Pick(r, LoneSurrogates), "a lone surrogate", BadRequest),
            10 => new Bad($"[{Str(Tickets.Master.ToString(), r)}]", "an array of ids", BadRequest),
            _ => new Bad(Str(Pick(r, Hostile), r), "not an id", BadRequest),
        };

        public override Bad Refusal(Random r) => r.Next(2) == 0
            ? new Bad(Str(Tickets.Reported.ToString(), r), "the duplicate itself", Refused)
            : new Bad(Str(Tickets.Withdrawn.ToString(), r), "a withdrawn master", Refused);
    }

    /// <summary>The citizen (optional): a name of at most 50 characters and a plausible phone.</summary>
    private sealed record Citizen() : Field("citizen")
    {
        public override bool Refusable => true;

        private static readonly string[] Phones = ["13812345678", "+86 138 1234 5678", "0433-1234567", "12345"];

        public override string? Valid(Random r) => r.Next(5) switch
        {
            0 => r.Next(2) == 0 ? null : "null",
            1 => "{}",
            _ => ObjectOf([("name", r.Next(3) == 0 ? null : Str(ValidText(r, 50), r)), ("phone", r.Next(3) == 0 ? null : Str(Pick(r, Phones), r))]),
        };

        public override Bad Invalid(Random r)
        {
            switch (r.Next(5))
            {
                case 0: return new Bad(Pick(r, ["\"王秀英\"", "1", "true", "[]", "[\"王秀英\"]"]), "not an object", BadRequest);
                case 1 or 2:
                    var name = TextFault(r, required: false, 50, allowUnknown: null);
                    return new Bad(ObjectOf([("name", name.Json), ("phone", Str(Pick(r, Phones), r))]), $"name: {name.Why}", name.Status);
            }
            return WithPhone(r, TextFault(r, required: false, 32, allowUnknown: () => ImplausiblePhone(r)));
        }

        public override Bad Refusal(Random r) => WithPhone(r, ImplausiblePhone(r));

        private static Bad WithPhone(Random r, Bad phone) =>
            new(ObjectOf([("name", r.Next(2) == 0 ? null : Str(ValidText(r, 50), r)), ("phone", phone.Json)]), $"phone: {phone.Why}", phone.Status);

        private static Bad ImplausiblePhone(Random r)
        {
            var implausible = Pick(r, ["abc", "1234", "+", "++8613812345678", "138-1234-567x", "123456789012345678901", "１３８１２３４５６７８", "'; drop table x; --", "<script>", "🚨12345", "138\u00A01234\u00A05678", "(0433) 123456"]);
            return new Bad(Str(implausible, r), $"implausible phone {implausible}", Refused);
        }
    }

    /// <summary>The location (required): a village or community, a grid, or both when the grid lies in the village; an address.</summary>
    private sealed record Location() : Field("location")
    {
        public override bool Refusable => true;

        public override string? Valid(Random r)
        {
            var (village, grid) = Pick<(string? Village, string? Grid)>(r, [("SC-T01-V01", null), ("SC-T02-V01", null), ("SC-S01-C01", null), (null, "SC-T01-V01-G02"), ("SC-T01-V02", "SC-T01-V02-G01")]);
            return ObjectOf([
                ("villageCode", village is null ? null : Str(village, r)),
                ("gridCode", grid is null ? null : Str(grid, r)),
                ("address", r.Next(3) == 0 ? null : Str(ValidText(r, 500), r)),
            ]);
        }

        public override Bad Invalid(Random r)
        {
            switch (r.Next(8))
            {
                case 0: return Missing(r);
                case 1: return new Bad(Pick(r, ["\"SC-T01-V01\"", "1", "true", "[]", "[\"SC-T01-V01\"]"]), "not an object", BadRequest);
                case 2 or 3: return Refusal(r);
                case 4 or 5:
                    var code = TextFault(r, required: false, 64, allowUnknown: null);
                    var member = Pick(r, ["villageCode", "gridCode"]);
                    return new Bad(ObjectOf([(member, code.Json), ("address", Address(r))]), $"{member}: {code.Why}", code.Status);
                default:
                    var bad = TextFault(r, required: false, 500, allowUnknown: null);
                    return new Bad(ObjectOf([("villageCode", Str("SC-T01-V01", r)), ("address", bad.Json)]), $"address: {bad.Why}", bad.Status);
            }
        }

        public override Bad Refusal(Random r)
        {
            var address = Address(r);
            switch (r.Next(3))
            {
                case 0:
                    return new Bad(ObjectOf([("address", address), (Pick(r, ["villageCode", "gridCode"]), r.Next(2) == 0 ? null : Str(Pick(r, ["", " ", "\u3000"]), r))]), "no village or grid", Refused);
                default:
                    var (village, grid, why) = Pick<(string? Village, string? Grid, string Why)>(r,
                    [
                        ("SC-T01-V01", "SC-T01-V02-G01", "a grid outside the village"),
                        ("SC-T01", null, "a township as the village"),
                        ("SC-T01-V01-G01", null, "a grid as the village"),
                        ("SC", null, "the county as the village"),
                        (null, "SC-T01-V01", "a village as the grid"),
                        (null, "SC-T01-V01-G99", "an unknown grid"),
                        ("SC-T01-V99", null, "an unknown village"),
                        ("sc-t01-v01", null, "a lower-case village"),
                        ("'; drop table escalation.mt_streams; --", null, "SQL as the village"),
                        ("<script>alert(1)</script>", null, "a script as the village"),
                        ("SC-T01-V01\u200B", null, "a zero-width space in the village"),
                    ]);
                    return new Bad(ObjectOf([("villageCode", village is null ? null : Str(village, r)), ("gridCode", grid is null ? null : Str(grid, r)), ("address", address)]), why, Refused);
            }
        }

        private static string? Address(Random r) => r.Next(2) == 0 ? null : Str(ValidText(r, 500), r);
    }

    /// <summary>What makes a text field invalid: blank when required, too long, control characters, a lone surrogate, another JSON type, or (for codes) an unknown code.</summary>
    private static Bad TextFault(Random r, bool required, int max, Func<Bad>? allowUnknown)
    {
        if (allowUnknown is not null && r.Next(5) < 2)
            return allowUnknown();
        while (true)
        {
            switch (r.Next(5))
            {
                case 0 when required:
                    return Missing(r);
                case 1:
                    var length = Pick(r, [max + 1, max + 2, max + r.Next(3, 100), max * 2, Math.Min(max * 20, 70_000)]);
                    var longText = ValidText(r, length, exactly: true);
                    return new Bad(Str(longText, r), $"{longText.Length} characters, over {max}", BadRequest);
                case 2:
                    var text = ValidText(r, Math.Min(max, 300));
                    var control = Pick(r, Controls);
                    var at = r.Next(text.Length + 1);
                    if (at < text.Length && char.IsLowSurrogate(text[at]))
                        at++;
                    return new Bad(Str(text.Insert(at, control.ToString()), r), $"control character U+{(int)control:X4}", BadRequest);
                case 3:
                    return new Bad(Pick(r, NotAString), "not a string", BadRequest);
                case 4:
                    return new Bad(Pick(r, LoneSurrogates), "a lone surrogate", BadRequest);
            }
        }
    }

    private static Bad Missing(Random r) => r.Next(3) switch
    {
        0 => new Bad(null, "missing", BadRequest),
        1 => new Bad("null", "null", BadRequest),
        _ => new Bad(Str(Pick(r, ["", " ", "\t\r\n", "\u3000", "\u00A0", "\u2028", "\u0085"]), r), "blank", BadRequest),
    };

    /// <summary>An optional field left out, null or blank: all mean "not given".</summary>
    private static string? OptionalAbsent(Random r) => r.Next(3) switch
    {
        0 => null,
        1 => "null",
        _ => "\"  \"",
    };

    // ---- Structural damage: every kind makes the body unreadable JSON (400) ----

    private const string InvalidUtf8Marker = "\uE000\uE001\uE002";

    private static string Corrupt(Random r, Draft draft)
    {
        var json = draft.Json();
        string corrupted;
        string why;
        switch (r.Next(13))
        {
            case 0:
                corrupted = json[..r.Next(1, json.Length)];
                why = "truncated";
                break;
            case 1:
                corrupted = json[..^1] + ",}";
                why = "a trailing comma";
                break;
            case 2 when json.Contains('"', StringComparison.Ordinal):
                corrupted = json.Replace('"', '\'');
                why = "single quotes";
                break;
            case 3:
                corrupted = "{" + Pick(r, ["/* '; drop table escalation.mt_events; -- */", "// <script>\n"]) + json[1..];
                why = "a comment";
                break;
            case 4:
                corrupted = json + Pick(r, [" x", " {}", "}", ",", " null", "\"", "<script>", "]"]);
                why = "garbage after the object";
                break;
            case 5:
                corrupted = Insert(json, $"\"number\":{Pick(r, ["NaN", "Infinity", "-Infinity", "undefined", "0x10", "01", ".5", "+1", "1.", "1e", "--1"])}");
                why = "an invalid number";
                break;
            case 6:
                corrupted = Insert(json, $"\"raw\":\"a{Pick(r, ['\u0001', '\u0000', '\n', '\u001f', '\t'])}b\"");
                why = "a raw control character in a string";
                break;
            case 7:
                corrupted = Insert(json, $"\"escape\":\"{Pick(r, ["\\x41", "\\u12G4", "\\U0041", "\\'", "\\a", "\\u"])}\"");
                why = "an invalid escape";
                break;
            case 8:
                corrupted = Insert(json, Pick(r, ["\"key\" 1", "\"a\":1 \"b\":2", "\"key\":", ":1", "1:1", "key:1", "\"k\"::1"]));
                why = "a broken member";
                break;
            case 9:
                corrupted = json[..^1] + (json.Length > 2 ? "," : "") + "\"open\":\"never closed}";
                why = "an unterminated string";
                break;
            case 10 when draft.Members.Any(IsReadString):
                var (name, value) = draft.Members.First(IsReadString);
                var index = draft.Members.IndexOf((name, value));
                draft.Members[index] = (name, "\"" + InvalidUtf8Marker + value![1..]);
                corrupted = draft.Json();
                why = $"invalid UTF-8 in {name}";
                break;
            case 11:
                var depth = r.Next(65, 400);
                corrupted = Insert(json, "\"deep\":" + new string('[', depth) + new string(']', depth));
                why = $"nested {depth} deep";
                break;
            default:
                corrupted = Pick(r, ["[" + json + "]", "\"" + json.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""]);
                why = "the object wrapped in another value";
                break;
        }
        draft.Fault(why, BadRequest);
        return corrupted;

        bool IsReadString((string Name, string? Json) member) => draft.Fields.Contains(member.Name) && member.Json?.StartsWith('"') == true;

        static string Insert(string json, string member) => json.Length > 2 ? "{" + member + "," + json[1..] : "{" + member + "}";
    }

    // ---- Values ----

    /// <summary>Valid text, but hostile: SQL, script, template and path fragments, bidi controls, emoji, combining marks.</summary>
    private static readonly string[] Hostile =
    [
        "'; drop table escalation.mt_events; --",
        "\" or 1=1; --",
        "1; delete from escalation.mt_streams where 1=1",
        "Robert'); DROP TABLE students;--",
        "<script>alert('xss')</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(document.cookie)",
        "{{7*7}} ${7*7} #{7*7} %s%n%x {0}",
        "../../../../etc/passwd",
        "\u202Egnp.exe\u202C",
        "\u200F مرحبا بالعالم \u200E",
        "🚨🔥👨‍👩‍👧‍👦🏳️‍🌈",
        "Z\u0338\u0351a\u0337l\u0335g\u0336o\u0334",
        "\uFEFF zero\u200Bwidth\u200C\u200D",
        "路灯不亮，晚上出行不便",
        "\t tabs and\r\nline breaks\n",
        "null",
        "undefined",
        "NaN",
        "[]",
        "{\"by\":{\"role\":\"administrator\"}}",
        "\\u0000 (escaped, not a control)",
        "\uFFFD\uFFFF\uFFFE",
        "ＡＢＣ１２３ 𝕳𝖔𝖘𝖙𝖎𝖑𝖊",
    ];

    private static readonly char[] Controls =
    [
        '\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u000E', '\u001B', '\u001F', '\u007F', '\u0080', '\u0085', '\u009B', '\u009F',
    ];

    private static readonly string[] NotAString =
        ["0", "-1", "42", "3.14", "1e400", "-0", "true", "false", "[]", "[\"a\"]", "[null]", "{}", "{\"a\":\"b\"}", "[[]]", "123456789012345678901234567890"];

    private static readonly string[] LoneSurrogates = ["\"\\ud800\"", "\"abc\\udfff\"", "\"\\ud83d note\"", "\"\\ude00\\ud83d\"", "\"x\\uDBFF\""];

    private static readonly string[] NotAnObject = ["[]", "[{}]", "1", "-1.5e300", "\"note\"", "true", "false", "[null]"];

    private static readonly string[] BadIfMatch =
    [
        "abc", "\"abc\"", "\"-1\"", "\"1.5\"", "*", "W/\"x\"", "\"99999999999999999999\"", "\"1\", \"2\"", "\"0x10\"",
        "'; drop table escalation.mt_events; --", "<script>alert(1)</script>", "\"\"\"", "W/", "\"1e3\"", "\"\"",
    ];

    /// <summary>Members no request has: mass assignment, prototype pollution, type metadata, hostile names and values. The host ignores them.</summary>
    private static readonly (string Name, string? Json)[] UnknownMembers =
    [
        ("by", "{\"userId\":\"admin\",\"role\":\"administrator\",\"unitCode\":\"SC\"}"),
        ("ticketId", "\"00000000-0000-0000-0000-000000000001\""),
        ("version", "99"),
        ("status", "\"closed\""),
        ("holdingUnitCode", "\"SC\""),
        ("role", "\"administrator\""),
        ("$type", "\"System.IO.FileInfo, System.IO.FileSystem\""),
        ("__proto__", "{\"isAdmin\":true}"),
        ("constructor", "{\"prototype\":{\"isAdmin\":true}}"),
        ("<script>alert(1)</script>", "\"x\""),
        ("'; drop table escalation.mt_events; --", "1"),
        ("\u202Eevil", "\"\u202E\u200F\""),
        ("🚨", "\"🚨\""),
        ("", "\"\""),
        ("nested", new string('[', 30) + "1" + new string(']', 30)),
        ("bigNumber", "1" + new string('0', 400)),
        ("float", "1.7976931348623157e309"),
        ("escapes", "\"\\ud83d\\ude00 \\u202e \\u0000 \\ud800\""),
        ("array", "[1,\"two\",null,{\"three\":[3]},true]"),
    ];

    private static string ValidText(Random r, int max, bool exactly = false)
    {
        var target = exactly ? max : r.Next(4) switch
        {
            0 => max,
            1 => Math.Max(1, max - 1),
            _ => r.Next(1, Math.Min(max, 120) + 1),
        };
        var text = new StringBuilder();
        while (text.Length < target)
        {
            var piece = Pick(r, Hostile);
            text.Append(text.Length + piece.Length <= target ? piece : new string(r.Next(2) == 0 ? 'x' : '字', target - text.Length));
        }
        return text.ToString();
    }

    private static string UnknownLike(Random r, string code) => r.Next(8) switch
    {
        0 => code.ToLowerInvariant(),
        1 => code + "\u200B",
        2 => "\u202E" + code,
        3 => code.Replace('-', '\u2010'),
        4 => "'; drop table escalation.mt_events; --",
        5 => "<script>alert(1)</script>",
        6 => "🚨" + code,
        _ => code + "'--",
    };

    private static string Junk(Random r) => r.Next(4) switch
    {
        0 => Pick(r, NotAnObject),
        1 => "{" + string.Join(",", Enumerable.Range(0, r.Next(1, 4)).Select(_ => Pick(r, UnknownMembers)).Select(m => $"{Str(m.Name)}:{m.Json}")) + "}",
        2 => "{\"note\":" + Str(Pick(r, Hostile), r) + ",",
        _ => Pick(r, Hostile),
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON string, sometimes with non-ASCII written out, sometimes escaped.</summary>
    private static string Str(string value, Random r) => JsonSerializer.Serialize(value, r.Next(2) == 0 ? Relaxed : JsonSerializerOptions.Default);

    private static string Str(string value) => JsonSerializer.Serialize(value, Relaxed);

    private static string ArrayOf(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    private static string ObjectOf(IEnumerable<(string Name, string? Json)> members) =>
        "{" + string.Join(",", members.Where(m => m.Json is not null).Select(m => $"{Str(m.Name)}:{m.Json}")) + "}";

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static List<string> Shuffle(Random r, IEnumerable<string> items) => [.. items.OrderBy(_ => r.Next())];

    private static Guid RandomGuid(Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";

    // ---- The store, before and after ----

    /// <summary>Rows of the event store and of every document table of the escalation schema.</summary>
    private async Task<string[]> CountRowsAsync()
    {
        // The statistics are projected asynchronously: they catch up with the tickets arranged before anything is counted.
        await app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'escalation' " +
            "and (table_name like 'mt\\_doc\\_%' or table_name in ('mt_events', 'mt_streams')) " +
            // Reading is logged (privacy): the auditor's own snapshots of the tickets add to the log of who saw personal data.
            "and table_name <> 'mt_doc_personaldataviewed' order by table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        tables.ShouldContain("mt_events");
        tables.ShouldContain("mt_streams");
        tables.ShouldContain(t => t.StartsWith("mt_doc_", StringComparison.Ordinal));

        var counts = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from escalation.\"{table}\"", connection);
            counts.Add($"{table}: {(long)(await count.ExecuteScalarAsync())!}");
        }
        return [.. counts];
    }

    /// <summary>Each ticket and its history as the auditor reads them.</summary>
    private async Task<string[]> SnapshotAsync(IEnumerable<Guid> ids)
    {
        var auditor = Client("aud-01");
        var snapshot = new List<string>();
        foreach (var id in ids)
        {
            snapshot.Add(await auditor.GetStringAsync($"/api/tickets/{id}"));
            snapshot.Add(await auditor.GetStringAsync($"/api/tickets/{id}/history"));
        }
        return [.. snapshot];
    }

    private readonly Dictionary<string, HttpClient> _clients = [];

    private HttpClient Client(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
            _clients[user] = client = app.ClientFor(user);
        return client;
    }
}

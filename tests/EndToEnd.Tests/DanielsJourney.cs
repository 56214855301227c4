using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StandardWebhooks;
using StudentBase.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The journey in domain.md through the running system and the APIs of all three services: Daniel is nominated, interns at
/// Paoyou (a branch station Events knows as a host company), completes a mentor training, founds a start-up and applies for
/// the subsidy, which is assessed on what Internships and Events reported (his residence permit, granted through the
/// one-window service, included), reviewed, approved and paid its first instalment.
/// </summary>
public class DanielsJourney
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly Guid XiamenUniversity = Guid.Parse("0196f0c4-0000-7000-8000-00000000a001");
    private static readonly Guid Paoyou = Guid.Parse("0196f0c4-0000-7000-8000-00000000b001");
    private const string Workplace = "Software Park Phase I, Xiamen";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private readonly List<(string Step, string TraceId)> _traces = [];

    [Theory]
    [InlineData(PlatformApp.PostgreSqlQueues)]
    [InlineData(PlatformApp.RabbitMq)]
    public async Task from_nomination_to_a_paid_first_instalment_through_all_three_services(string transport)
    {
        await using var receiver = await OtlpTraceReceiver.StartAsync();
        using var storage = new PlatformStorage();
        await using var platform = await PlatformApp.StartAsync(storage, receiver.Endpoint, Cancellation, transport: transport);
        var internships = platform.CreateClient("internships");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);

        // Daniel's university and his host company subscribe receivers of their own to what they act on.
        await using var hooks = await WebhookReceiver.StartAsync();
        var universitySecret = await SubscribeAsync(internships, "dev-xmu-key", hooks.UrlOf("xmu"), ["student.registered", .. InternshipNotifications]);
        var companySecret = await SubscribeAsync(internships, "dev-paoyou-key", hooks.UrlOf("paoyou"), InternshipNotifications);
        var otherUniversitySecret = await SubscribeAsync(internships, "dev-jmu-key", hooks.UrlOf("jmu"), ["student.registered", .. InternshipNotifications]);
        var end = start.AddDays(90);

        var daniel = await CreateAsync(internships, "/api/students", "dev-xmu-key", new
        {
            universityId = XiamenUniversity, fullName = "Daniel Smith", nationality = "GB", passportNumber = "GB9876543",
            programme = "Business Chinese", degreeLevel = "Bachelor", enrolledOn = "2023-09-01", expectedGraduation = "2027-06-30",
            residencePermitExpiry = start.AddYears(2).ToString("yyyy-MM-dd"),
        });
        var placement = await CreateAsync(internships, "/api/placements", "dev-paoyou-key", new
        {
            branchStationId = Paoyou,
            offer = new { title = "Script writing", description = "Short-video scripts", slots = 2, startDate = $"{start:yyyy-MM-dd}", endDate = $"{end:yyyy-MM-dd}", location = Workplace },
        });
        await SendAsync(internships, HttpMethod.Post, $"/api/placements/{placement}/approval", "dev-base-admin-key", new { });
        var internship = await CreateAsync(internships, "/api/internships", "dev-xmu-key", new { studentId = daniel, placementId = placement });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/consent", "dev-xmu-key", new { });
        await SendAsync(internships, HttpMethod.Put, $"/api/internships/{internship}/agreement", "dev-paoyou-key", new
        {
            startDate = $"{start:yyyy-MM-dd}", endDate = $"{end:yyyy-MM-dd}", hoursPerWeek = 24, supervisor = "Zhang Wei", monthlyStipend = 3000m,
            learningGoals = new[] { "Write three short-video scripts in Chinese" },
        });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-base-admin-key", new { party = "Student" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-xmu-key", new { party = "University" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/agreement/signatures", "dev-paoyou-key", new { party = "Company" });

        // The one-window service: his residence permit for the internship, opened by his university, returned once by the
        // base for a passport scan it cannot read, then forwarded complete and granted by the exit-entry administration.
        var permitCase = await CreateAsync(internships, "/api/permit-cases", "dev-xmu-key", new { personId = daniel, type = "ResidenceForInternship" });
        await UploadAsync(internships, permitCase, "passport");
        await SendAsync(internships, HttpMethod.Post, $"/api/permit-cases/{permitCase}/submission", "dev-xmu-key", new { });
        await SendAsync(internships, HttpMethod.Post, $"/api/permit-cases/{permitCase}/return", "dev-base-admin-key",
            new { shortfalls = new[] { new { item = "passport", reason = "The scan cuts off the machine-readable zone." } } });
        var checklist = (await EventuallyAsync(internships, $"/api/permit-cases/{permitCase}", json => json is not null))!["checklist"]!.AsArray();
        foreach (var item in checklist.Where(item => item!["required"]!.GetValue<bool>()))
        {
            await UploadAsync(internships, permitCase, item!["code"]!.GetValue<string>());
        }

        await SendAsync(internships, HttpMethod.Post, $"/api/permit-cases/{permitCase}/submission", "dev-xmu-key", new { });
        await SendAsync(internships, HttpMethod.Post, $"/api/permit-cases/{permitCase}/forwarding", "dev-base-admin-key", new { });
        var permitEnd = end.AddDays(60);
        await SendAsync(internships, HttpMethod.Post, $"/api/permit-cases/{permitCase}/approval", "dev-exit-entry-key",
            new { permitNumber = "XM2026R0042042", validFrom = $"{start:yyyy-MM-dd}", validUntil = $"{permitEnd:yyyy-MM-dd}" });

        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/permit-endorsement", "dev-exit-entry-key",
            new { place = Workplace, validFrom = $"{start:yyyy-MM-dd}", validUntil = $"{end:yyyy-MM-dd}", reference = "XM-EE-2026-000042", permitCaseId = permitCase });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/start", "dev-paoyou-key", new { startedOn = $"{start:yyyy-MM-dd}" });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/evaluations", "dev-paoyou-key",
            new { stage = "Final", rating = 5, comments = "Two scripts published." });
        await SendAsync(internships, HttpMethod.Post, $"/api/internships/{internship}/completion", "dev-paoyou-key",
            new { endedOn = $"{end:yyyy-MM-dd}", certificateNumber = "XSP-INT-2026-0042" });

        await ShouldHaveBeenToldAsync(hooks, "xmu", universitySecret, daniel, internship, expectStudent: true);
        await ShouldHaveBeenToldAsync(hooks, "paoyou", companySecret, daniel, internship, expectStudent: false);
        hooks.ReceivedBy("jmu").ShouldBeEmpty("Jimei University hears nothing about Xiamen University's student");
        otherUniversitySecret.ShouldNotBe(universitySecret);

        var hosts = await EventuallyAsync(platform.CreateClient("events"), "/api/host-companies?standing=Active",
            json => json?["items"]?.AsArray().Any(item => item!["id"]!.GetValue<Guid>() == Paoyou) == true);
        hosts!["items"]!.AsArray().ShouldContain(item => item!["id"]!.GetValue<Guid>() == Paoyou);

        // Events: the mentor training he attends and completes.
        var events = platform.CreateClient("events");
        var now = DateTimeOffset.UtcNow;
        await EventuallyAsync(events, $"/api/students/{daniel}", json => json is not null);
        var training = await CreateAsync(events, "/api/activities", "dev-base-admin-key", new
        {
            title = "Entrepreneurship mentor training", type = "MentorTraining", venue = "Software Park Phase I, Hall 2", startsAt = now.AddHours(-1),
            endsAt = now.AddHours(3), capacity = 40, registrationOpensAt = now.AddHours(-2), registrationClosesAt = now.AddHours(2), audience = "InternationalStudents",
        });
        var registration = await SendAsync(events, HttpMethod.Post, $"/api/activities/{training}/registrations", "dev-xmu-key", new { studentId = daniel },
            HttpStatusCode.Created);
        var code = (await registration.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["code"]!.GetValue<string>();
        await SendAsync(events, HttpMethod.Post, $"/api/activities/{training}/check-ins", "dev-base-admin-key", new { code });
        await SendAsync(events, HttpMethod.Post, $"/api/activities/{training}/attendance-closing", "dev-base-admin-key", new { });

        // Subsidies: his record now holds the completed internship and training.
        var subsidies = platform.CreateClient("subsidies");
        var record = await EventuallyAsync(subsidies, $"/api/students/{daniel}",
            json => json?["internships"]?.AsArray().Any(item => item!["progress"]!.GetValue<string>() == "Completed") == true
                    && json["activities"]?.AsArray().Any(item => item!["outcomes"]!.AsArray().Any(outcome => outcome!.GetValue<string>() == "Completed")) == true
                    && json["residencePermitValidUntil"]?.GetValue<string>() == $"{permitEnd:yyyy-MM-dd}");
        record!["internships"]![0]!["certificateNumber"]!.GetValue<string>().ShouldBe("XSP-INT-2026-0042");

        // The base publishes a policy version that asks for a valid residence permit, in force from today.
        var policy = (await EventuallyAsync(subsidies, "/api/subsidy-policies/2022-05", json => json is not null))!;
        policy["version"] = "2026-12";
        policy["effectiveFrom"] = $"{DateOnly.FromDateTime(DateTime.UtcNow):yyyy-MM-dd}";
        policy["eligibility"]!["requiresValidResidencePermit"] = true;
        await SendAsync(subsidies, HttpMethod.Post, "/api/subsidy-policies", "dev-base-admin-key", policy, HttpStatusCode.Created);

        // His start-up applies; three experts, whose keys the base issues in Internships, review it.
        var application = await CreateAsync(subsidies, "/api/subsidy-applications", "dev-base-admin-key", new
        {
            applicantId = daniel, founderBirthDate = "2001-04-12",
            company = new
            {
                companyName = "Xiamen Storyline Media Technology Co., Ltd.", unifiedSocialCreditCode = "91350200MA8UEX3L0B",
                registeredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-20).ToString("yyyy-MM-dd"), founderRole = "LegalRepresentative",
                founderShareholdingPercent = 60m, staffByMonth = new[] { 7, 6, 6, 5 }, rdStaff = 4, teamWithBachelor = 6, rdSpend = 260_000m,
                field = "Digital content", businessPlanSummary = "Interactive Chinese-learning stories.", requestedAmount = 500_000m,
            },
        });
        await SendAsync(subsidies, HttpMethod.Post, $"/api/subsidy-applications/{application}/submission", "dev-base-admin-key", new { });
        var assessed = await EventuallyAsync(subsidies, $"/api/subsidy-applications/{application}", json => json is not null);
        assessed!["state"]!.GetValue<string>().ShouldBe("Eligible", assessed.ToJsonString());
        assessed["assessment"]!["supportingFacts"]!["completedInternships"]!.GetValue<int>().ShouldBe(1);
        assessed["assessment"]!["policyVersion"]!.GetValue<string>().ShouldBe("2026-12");
        var permitCriterion = assessed["assessment"]!["criteria"]!.AsArray().Single(criterion => criterion!["criterion"]!.GetValue<string>() == "residence-permit")!;
        permitCriterion["passed"]!.GetValue<bool>().ShouldBeTrue();
        permitCriterion["reason"]!.GetValue<string>().ShouldBe($"A residence permit valid until {permitEnd:yyyy-MM-dd}.");
        assessed["assessment"]!["supportingFacts"]!["completedTrainings"]!.GetValue<int>().ShouldBe(1);

        for (var expert = 1; expert <= 3; expert++)
        {
            var reviewerId = $"journey-expert-{expert}";
            var issued = await SendAsync(internships, HttpMethod.Post, $"/api/partners/{reviewerId}/api-keys", "dev-base-admin-key",
                new { role = "SubsidyReviewer", label = "journey" }, HttpStatusCode.Created);
            var key = (await issued.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["key"]!.GetValue<string>();
            await SendAsync(subsidies, HttpMethod.Post, $"/api/subsidy-applications/{application}/reviewers", "dev-base-admin-key", new { reviewerId });
            var review = new { scores = new { innovation = 26, team = 21, market = 19, feasibility = 17 }, comments = "A credible team." };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/subsidy-applications/{application}/reviews") { Content = JsonContent.Create(review) };
                request.Headers.Add("X-Api-Key", key);
                var reviewed = await subsidies.SendAsync(request, Cancellation);
                if (reviewed.StatusCode == HttpStatusCode.NoContent || deadline.Elapsed > Patience)
                {
                    reviewed.StatusCode.ShouldBe(HttpStatusCode.NoContent, "the key issued in Internships never reached Subsidies");
                    break;
                }

                await Task.Delay(200, Cancellation);
            }
        }

        // Approved under the 2022 policy (CNY 200,000 now, 300,000 on recognition); the first instalment is verified and paid.
        await SendAsync(subsidies, HttpMethod.Post, $"/api/subsidy-applications/{application}/approval", "dev-base-admin-key", new { amount = 500_000m });
        await SendAsync(subsidies, HttpMethod.Post, $"/api/subsidy-applications/{application}/instalments/1/milestone-verification", "dev-base-admin-key",
            new { evidence = "Approval decision of the base." });
        await SendAsync(subsidies, HttpMethod.Post, $"/api/subsidy-applications/{application}/instalments/1/release", "dev-finance-key",
            new { paymentReference = "TORCH-FIN-2026-004211" });

        var paid = await EventuallyAsync(subsidies, $"/api/subsidy-applications/{application}", json => json is not null);
        paid!["state"]!.GetValue<string>().ShouldBe("Approved");
        paid["grantedAmount"]!.GetValue<decimal>().ShouldBe(500_000m);
        paid["instalments"]![0]!["state"]!.GetValue<string>().ShouldBe("Released");
        paid["instalments"]![0]!["amount"]!.GetValue<decimal>().ShouldBe(200_000m);
        paid["instalments"]![1]!["state"]!.GetValue<string>().ShouldBe("Pending");

        // Internships learns that his application runs (its watch then keeps an eye on his residence permit for as long).
        var reported = (await EventuallyAsync(internships, $"/api/history/aggregates/reported-subsidy-applications/{application}",
            json => json?["state"]?["state"]?.GetValue<string>() == "Approved", "dev-analyst-key")).ShouldNotBeNull("Internships never heard of it")["state"]!;
        reported["state"]!.GetValue<string>().ShouldBe("Approved");
        reported["inProgress"]!.GetValue<bool>().ShouldBeTrue();
        reported["applicantId"]!.GetValue<Guid>().ShouldBe(daniel);

        // Operations: each partner request is one trace through every service it reached, and every event it caused,
        // in any service, names that trace as its flow and chains back to the request by its causation.
        var registeredFlow = TraceOf("POST /api/students");
        var completedFlow = TraceOf($"POST /api/internships/{internship}/completion");
        var trainingFlow = TraceOf($"POST /api/activities/{training}/attendance-closing");
        var releasedFlow = TraceOf($"POST /api/subsidy-applications/{application}/instalments/1/release");
        await ShouldBeTracedThroughAsync(receiver, registeredFlow, "internships", "events", "subsidies");
        await ShouldBeTracedThroughAsync(receiver, completedFlow, "internships", "subsidies");
        await ShouldBeTracedThroughAsync(receiver, trainingFlow, "events", "subsidies");
        await ShouldBeTracedThroughAsync(receiver, releasedFlow, "subsidies");

        (await ShouldChainBackToTheRequestAsync(events, registeredFlow)).Select(Service).ToHashSet()
            .ShouldBe(["internships", "events", "subsidies"], ignoreOrder: true);
        var completion = await ShouldChainBackToTheRequestAsync(subsidies, completedFlow);
        var completedEvent = completion.First(@event => Service(@event) == "internships" && Type(@event) == "internship_completed");
        var caused = await GetAsOperatorAsync(internships, $"/api/operations/events/{completedEvent["id"]}/consequences");
        caused["consequences"]!.AsArray().Select(@event => (Service(@event!), Type(@event!)))
            .ShouldContain(("subsidies", "internship_milestone_recorded"));
        (await ShouldChainBackToTheRequestAsync(internships, trainingFlow)).Select(Service).ShouldContain("subsidies");
        (await ShouldChainBackToTheRequestAsync(internships, releasedFlow)).Select(Service).ShouldAllBe(service => service == "subsidies");

        // Analysts: Daniel's journey across the three services, in time order, from any of them.
        using var journeyRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/history/journeys/{daniel}");
        journeyRequest.Headers.Add("X-Api-Key", "dev-analyst-key");
        var journey = (await (await events.SendAsync(journeyRequest, Cancellation)).Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
        journey["unreachableServices"]!.AsArray().ShouldBeEmpty();
        var steps = journey["entries"]!.AsArray().Select(entry => (Service: Service(entry!), Type: Type(entry!["event"]!),
            At: entry!["event"]!["timestamp"]!.GetValue<DateTimeOffset>())).ToList();
        steps.Select(step => step.At).ShouldBeInOrder();
        steps[0].ShouldBe(("internships", "student_nominated", steps[0].At));
        var order = new[]
        {
            ("internships", "internship_completed"), ("events", "completion_recorded"), ("subsidies", "application_drafted"),
            ("subsidies", "application_approved"), ("subsidies", "instalment_released"),
        }.Select(wanted => steps.FindIndex(step => (step.Service, step.Type) == wanted)).ToList();
        order.ShouldAllBe(index => index >= 0, string.Join(", ", steps.Select(step => $"{step.Service}:{step.Type}")));
        order.ShouldBeInOrder();

        // Erasure: Daniel asks the base to erase his personal data. Then no service shows his name, passport number or
        // birth date to any role, the base included, and his journey keeps every step, without him.
        string[] personal = ["Daniel Smith", "GB9876543", "2001-04-12"];
        (await ReadAsync(internships, $"/api/students/{daniel}", "dev-base-admin-key")).ShouldContain("Daniel Smith");
        (await ReadAsync(subsidies, $"/api/subsidy-applications/{application}", "dev-base-admin-key")).ShouldContain("2001-04-12");
        await SendAsync(internships, HttpMethod.Post, $"/api/students/{daniel}/erasure", "dev-base-admin-key",
            new { reason = "Written request of 2026-11-30 (ticket 4711)." }, HttpStatusCode.OK);
        (await EventuallyAsync(events, $"/api/students/{daniel}", json => json?["erasedAt"] is not null))!["erasedAt"].ShouldNotBeNull();
        (await EventuallyAsync(subsidies, $"/api/students/{daniel}", json => json?["erasedAt"] is not null))!["erasedAt"].ShouldNotBeNull();

        string[] history =
        [
            $"/api/history/journeys/{daniel}", $"/api/history/journeys/{daniel}.ndjson", $"/api/history/events.ndjson?stream={daniel}",
            $"/api/history/aggregates/students/{daniel}", $"/api/history/aggregates/students/{daniel}/timeline",
        ];
        var reads = new (HttpClient Service, string Url)[]
        {
            (internships, $"/api/students/{daniel}"), (internships, $"/api/students?universityId={XiamenUniversity}&limit=200"),
            (internships, $"/api/internships/{internship}"), (events, $"/api/students/{daniel}"), (events, $"/api/activities/{training}/roster"),
            (events, $"/api/participants/{daniel}/activities"), (subsidies, $"/api/students/{daniel}"),
            (subsidies, $"/api/subsidy-applications/{application}"), (subsidies, $"/api/history/events.ndjson?stream={application}"),
        }.Concat(new[] { internships, events, subsidies }.SelectMany(service => history.Select(url => (service, url))));
        foreach (var (service, url) in reads)
        {
            foreach (var key in StudentBase.Testing.PartnerKeys.ByRole.Values)
            {
                var answer = await ReadAsync(service, url, key);
                personal.ShouldAllBe(value => !answer.Contains(value), $"{key} GET {service.BaseAddress}{url.TrimStart('/')}");
            }
        }

        using var afterRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/history/journeys/{daniel}");
        afterRequest.Headers.Add("X-Api-Key", "dev-analyst-key");
        var after = (await (await subsidies.SendAsync(afterRequest, Cancellation)).Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
        var stepsAfter = after["entries"]!.AsArray().Select(entry => (Service(entry!), Type(entry!["event"]!))).ToList();
        stepsAfter.ShouldBe([.. steps.Select(step => (step.Service, step.Type)), .. stepsAfter.Skip(steps.Count)]);
        stepsAfter.ShouldContain(("internships", "student_erased"));
    }

    private static readonly string[] InternshipNotifications =
    [
        "internship.intention_recorded", "internship.consent_given", "internship.agreement_awaiting_signatures", "internship.agreement_signed",
        "internship.permit_endorsement_awaited", "internship.permit_endorsed", "internship.started", "internship.completed",
    ];

    private static async Task<string> SubscribeAsync(HttpClient internships, string key, string endpoint, string[] types)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook-subscriptions") { Content = JsonContent.Create(new { endpoint, types }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await internships.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["secret"]!.GetValue<string>();
    }

    /// <summary>
    /// The partner's receiver got the journey's notifications, each signed (verified by the StandardWebhooks package), about
    /// Daniel and his internship only, the internship's in the order they happened, and without his name or passport.
    /// </summary>
    private static async Task ShouldHaveBeenToldAsync(WebhookReceiver hooks, string hook, string secret, Guid daniel, Guid internship, bool expectStudent)
    {
        var expected = expectStudent ? InternshipNotifications.Length + 1 : InternshipNotifications.Length;
        var received = await hooks.AcceptedByAsync(hook, expected, Cancellation, Patience);
        received.Where(webhook => webhook.Type.StartsWith("internship.", StringComparison.Ordinal)).Select(webhook => webhook.Type)
            .ShouldBe(InternshipNotifications, $"{hook} is told each step of the internship, in order");
        received.Count(webhook => webhook.Type == "student.registered").ShouldBe(expectStudent ? 1 : 0);
        foreach (var webhook in received)
        {
            Should.NotThrow(() => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers), $"{hook}: {webhook.Type}");
            webhook.Payload["data"]!["studentId"]!.GetValue<Guid>().ShouldBe(daniel);
            if (webhook.Type.StartsWith("internship.", StringComparison.Ordinal))
            {
                webhook.Payload["data"]!["internshipId"]!.GetValue<Guid>().ShouldBe(internship);
            }

            webhook.Body.ShouldNotContain("Daniel");
            webhook.Body.ShouldNotContain("GB9876543");
        }
    }

    private static async Task<string> ReadAsync(HttpClient client, string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", key);
        return await (await client.SendAsync(request, Cancellation)).Content.ReadAsStringAsync(Cancellation);
    }

    private string TraceOf(string step) => _traces.Last(trace => trace.Step == step).TraceId;

    private static string Service(JsonNode @event) => @event["service"]!.GetValue<string>();

    private static string Type(JsonNode @event) => @event["type"]!.GetValue<string>();

    private static async Task ShouldBeTracedThroughAsync(OtlpTraceReceiver receiver, string traceId, params string[] services)
    {
        var deadline = Stopwatch.StartNew();
        while (!receiver.Spans.Where(span => span.TraceId == traceId).Select(span => span.ServiceName).ToHashSet().IsSupersetOf(services)
               && deadline.Elapsed < Patience)
        {
            await Task.Delay(200, Cancellation);
        }

        var traced = receiver.Spans.Where(span => span.TraceId == traceId).Select(span => span.ServiceName).ToHashSet();
        traced.IsSupersetOf(services).ShouldBeTrue($"trace {traceId} reached {string.Join(", ", traced)}, not all of {string.Join(", ", services)}");
    }

    /// <summary>
    /// Every event of the flow (read through any service) has the flow's trace id as correlation; the request's own events
    /// share its causation; every other event was caused by a message sent by the request or by a message it caused.
    /// </summary>
    private static async Task<IReadOnlyList<JsonNode>> ShouldChainBackToTheRequestAsync(HttpClient anyService, string traceId)
    {
        var flow = await GetAsOperatorAsync(anyService, $"/api/operations/flows/{traceId}");
        flow["unreachableServices"]!.AsArray().ShouldBeEmpty();
        var events = flow["events"]!.AsArray().Select(@event => @event!).ToList();
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(@event => @event["correlationId"]!.GetValue<string>() == traceId && @event["causationId"] != null);

        var byTheRequest = events.Where(@event => @event["sentBy"] == null).Select(@event => @event["causationId"]!.GetValue<string>()).Distinct().ToList();
        byTheRequest.ShouldHaveSingleItem("one partner request caused the flow");
        var reached = new HashSet<string>(byTheRequest);
        int before;
        do
        {
            before = reached.Count;
            foreach (var @event in events.Where(@event => @event["sentBy"] is { } sentBy && reached.Contains(sentBy.GetValue<string>())))
            {
                reached.Add(@event["causationId"]!.GetValue<string>());
            }
        }
        while (reached.Count > before);

        events.ShouldAllBe(@event => reached.Contains(@event["causationId"]!.GetValue<string>()), "every event chains back to the request");
        return events;
    }

    private static async Task<JsonObject> GetAsOperatorAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", "dev-operator-key");
        var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!;
    }

    /// <summary>Daniel's university uploads a (small, well-formed) PDF for an item of his permit case's checklist.</summary>
    private static async Task UploadAsync(HttpClient client, Guid permitCase, string item)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% {item}\ntrailer <<>>\n%%EOF\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", $"{item}.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/permit-cases/{permitCase}/checklist/{item}/documents") { Content = form };
        request.Headers.Add("X-Api-Key", "dev-xmu-key");
        using var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private async Task<Guid> CreateAsync(HttpClient client, string url, string key, object body)
    {
        var response = await SendAsync(client, HttpMethod.Post, url, key, body, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["id"]!.GetValue<Guid>();
    }

    /// <summary>Sends one partner request as the start of a trace of its own, remembered by its method and URL.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpMethod method, string url, string key, object body, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        _traces.Add(($"{method} {url}", traceId));
        var response = await client.SendAsync(request, Cancellation);
        response.StatusCode.ShouldBe(expected, $"{method} {url}: {await response.Content.ReadAsStringAsync(Cancellation)}");
        return response;
    }

    private static async Task<JsonObject?> EventuallyAsync(HttpClient client, string url, Func<JsonObject?, bool> done, string key = "dev-base-admin-key")
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-Api-Key", key);
            var response = await client.SendAsync(request, Cancellation);
            var json = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>(Cancellation) : null;
            if (done(json) || deadline.Elapsed > Patience)
            {
                return json;
            }

            await Task.Delay(200, Cancellation);
        }
    }
}

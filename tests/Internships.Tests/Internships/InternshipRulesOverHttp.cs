using Internships.BranchStations;
using StudentBase.Contracts;
using Internships.Internships;
using Internships.Internships.Amending;
using Internships.Internships.Getting;
using Internships.Placements;
using Internships.Placements.Getting;
using Microsoft.AspNetCore.Http;
using StudentBase.Testing;

namespace Internships.Tests.Internships;

/// <summary>Each rule of the lifecycle, through HTTP against PostgreSQL: the refusal names it and nothing is stored.</summary>
public class InternshipRulesOverHttp(InternshipsFixture fixture)
{
    private Task<InternshipDetails> GetAsync(Guid id, string key = PartnerKeys.BaseAdministrator) =>
        fixture.GetAsync<InternshipDetails>($"/api/internships/{id}", key);

    [Fact]
    public async Task concurrent_signings_for_the_last_slot_have_exactly_one_winner()
    {
        var first = await InternshipParties.ArrangeAsync(fixture, slots: 1);
        var candidates = new List<(InternshipParties Parties, Guid Internship)>();
        for (var i = 0; i < 6; i++)
        {
            var parties = i == 0 ? first : await first.AnotherStudentAsync();
            var id = await parties.DraftedAsync();
            await parties.SignAsync(id, "Student");
            await parties.SignAsync(id, "University");
            candidates.Add((parties, id));
        }

        var attempts = await Task.WhenAll(candidates.Select(candidate =>
            fixture.TryAsync(HttpMethod.Post, $"/api/internships/{candidate.Internship}/agreement/signatures", new { party = "Company" }, first.CompanyKey)));

        var statuses = attempts.Select(attempt => attempt.Context.Response.StatusCode).ToList();
        statuses.Count(status => status == StatusCodes.Status204NoContent).ShouldBe(1, string.Join(", ", statuses));
        statuses.ShouldAllBe(status => status == 204 || status == 409 || status == 422);
        var states = await Task.WhenAll(candidates.Select(candidate => GetAsync(candidate.Internship)));
        states.Count(details => details.State == InternshipState.Agreed).ShouldBe(1);
        var placement = await fixture.GetAsync<PlacementDetails>($"/api/placements/{first.PlacementId}");
        placement.SlotsLeft.ShouldBe(0);
        placement.State.ShouldBe(PlacementState.Filled);

        var late = await fixture.TryAsync(HttpMethod.Post, "/api/internships", new { studentId = first.StudentId, placementId = first.PlacementId });
        (await late.RuleAsync()).ShouldBe("placement-must-be-open");
    }

    [Fact]
    public async Task two_agreements_of_one_student_signed_at_once_leave_one_active()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var otherPlacement = await fixture.OpenPlacementAsync(parties.BranchStationId);
        var internships = new List<Guid> { await parties.DraftedAsync(), await (parties with { PlacementId = otherPlacement }).DraftedAsync() };
        foreach (var id in internships)
        {
            await parties.SignAsync(id, "Student");
            await parties.SignAsync(id, "University");
        }

        var attempts = await Task.WhenAll(internships.Select(id =>
            fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/agreement/signatures", new { party = "Company" }, parties.CompanyKey)));

        attempts.Count(attempt => attempt.Context.Response.StatusCode == 204).ShouldBe(1);
        (await Task.WhenAll(internships.Select(id => GetAsync(id)))).Count(details => details.State == InternshipState.Agreed).ShouldBe(1);
    }

    [Fact]
    public async Task a_student_has_one_active_internship_at_a_time()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var firstInternship = await parties.AgreedAsync();
        var second = parties with { PlacementId = await fixture.OpenPlacementAsync(parties.BranchStationId) };
        var secondInternship = await second.DraftedAsync();
        await second.SignAsync(secondInternship, "Student");
        await second.SignAsync(secondInternship, "University");

        var refused = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{secondInternship}/agreement/signatures", new { party = "Company" },
            parties.CompanyKey);
        (await refused.RuleAsync()).ShouldBe("one-active-internship-per-student");

        await fixture.PostAsync($"/api/internships/{firstInternship}/termination",
            new { reason = "The student moves to another city.", endedOn = Given.Today.ToString("yyyy-MM-dd") }, parties.StudentKey);
        (await GetAsync(firstInternship)).EndedBy.ShouldBe(EndingParty.Student);
        await second.SignAsync(secondInternship, "Company");
        (await GetAsync(secondInternship)).State.ShouldBe(InternshipState.Agreed);
    }

    [Fact]
    public async Task a_start_before_the_permit_endorsement_is_refused()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.AgreedAsync();
        var before = await GetAsync(id);

        var refused = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/start",
            new { startedOn = InternshipParties.AgreedStart.ToString("yyyy-MM-dd") }, parties.CompanyKey);

        (await refused.RuleAsync()).ShouldBe("no-start-before-permit-endorsement");
        (await GetAsync(id)).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task an_endorsement_that_misses_the_period_or_the_workplace_is_refused()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.AgreedAsync();

        var shortPeriod = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/permit-endorsement", new
        {
            place = Given.Workplace, validFrom = InternshipParties.AgreedStart.ToString("yyyy-MM-dd"),
            validUntil = InternshipParties.AgreedEnd.AddDays(-1).ToString("yyyy-MM-dd"), reference = "EE-1",
        }, PartnerKeys.ExitEntryOfficer);
        (await shortPeriod.RuleAsync()).ShouldBe("endorsement-must-cover-the-agreement-period");

        var elsewhere = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/permit-endorsement", new
        {
            place = "Huli District, Xiamen", validFrom = InternshipParties.AgreedStart.ToString("yyyy-MM-dd"),
            validUntil = InternshipParties.AgreedEnd.ToString("yyyy-MM-dd"), reference = "EE-1",
        }, PartnerKeys.ExitEntryOfficer);
        (await elsewhere.RuleAsync()).ShouldBe("endorsement-must-name-the-workplace");
    }

    [Fact]
    public async Task a_start_is_refused_when_the_residence_permit_expires_before_the_end()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.AgreedAsync();
        await fixture.PostAsync($"/api/internships/{id}/permit-endorsement", InternshipParties.Endorsement, PartnerKeys.ExitEntryOfficer);
        await fixture.PostAsync($"/api/students/{parties.StudentId}/corrections",
            new { residencePermitExpiry = InternshipParties.AgreedEnd.AddDays(-1).ToString("yyyy-MM-dd"), reason = "Permit renewed for a shorter term." });

        var refused = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/start",
            new { startedOn = InternshipParties.AgreedStart.ToString("yyyy-MM-dd") }, parties.CompanyKey);

        (await refused.RuleAsync()).ShouldBe("residence-permit-must-cover-the-internship");
    }

    [Fact]
    public async Task an_amendment_takes_effect_only_after_the_third_signature()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.StartedAsync();
        var later = InternshipParties.AgreedEnd.AddDays(30);

        var amendmentId = await fixture.CreateAsync($"/api/internships/{id}/amendments", new
        {
            party = "Company",
            changes = new { endDate = later.ToString("yyyy-MM-dd"), supervisor = "Li Na, producer" },
            reason = "The production was extended by a month.",
        }, parties.CompanyKey);
        var location = $"/api/internships/{id}/amendments/{amendmentId}";
        var proposed = await fixture.GetAsync<AmendmentDetails>(location, parties.StudentKey);
        (proposed.State, proposed.ProposedBy, proposed.Reason).ShouldBe((AmendmentState.AwaitingSignatures, AgreementParty.Company, "The production was extended by a month."));
        proposed.Changes.EndDate.ShouldBe(later);
        await fixture.PostAsync($"/api/internships/{id}/amendments/{amendmentId}/signatures", new { party = "Student" }, parties.StudentKey);

        var afterTwo = await GetAsync(id);
        afterTwo.Terms!.EndDate.ShouldBe(InternshipParties.AgreedEnd);
        afterTwo.PendingAmendment!.SignedBy.ShouldBe([AgreementParty.Company, AgreementParty.Student]);

        await fixture.PostAsync($"/api/internships/{id}/amendments/{amendmentId}/signatures", new { party = "University" }, parties.UniversityKey);

        var afterThree = await GetAsync(id);
        afterThree.Terms!.EndDate.ShouldBe(later);
        afterThree.Terms.Supervisor.ShouldBe("Li Na, producer");
        afterThree.PendingAmendment.ShouldBeNull();
        afterThree.AmendmentsInEffect.ShouldBe(1);
        afterThree.EndorsementCoversAgreement.ShouldBeFalse();
        var inEffect = await fixture.GetAsync<AmendmentDetails>(location, parties.CompanyKey);
        inEffect.State.ShouldBe(AmendmentState.InEffect);
        inEffect.SignedBy.ShouldBe([AgreementParty.Company, AgreementParty.Student, AgreementParty.University]);
        inEffect.TookEffectAt.ShouldNotBeNull();
        inEffect.Changes.Supervisor.ShouldBe("Li Na, producer");
        (await fixture.GetAsync<AmendmentDetails>(location, PartnerKeys.Analyst)).Changes.Supervisor.ShouldBeNull("a supervisor's name is personal data");
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.JimeiUniversityKey).Get.Url(location);
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.BaseAdministrator).Get.Url($"/api/internships/{id}/amendments/{Guid.CreateVersion7()}");
            x.StatusCodeShouldBe(StatusCodes.Status404NotFound);
        });
        await using var session = fixture.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
        history.OfType<JasperFx.Events.IEvent>().Select(e => e.Data).OfType<AgreementSigned>().ShouldHaveSingleItem().Terms.EndDate
            .ShouldBe(InternshipParties.AgreedEnd);
    }

    [Fact]
    public async Task a_party_signs_only_for_itself()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.DraftedAsync();

        var asStudent = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/agreement/signatures", new { party = "Student" }, parties.CompanyKey);
        asStudent.Context.Response.StatusCode.ShouldBe(StatusCodes.Status403Forbidden);

        var stranger = await fixture.KeyAsync("Company", await fixture.BranchStationAsync());
        var unseen = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/agreement/signatures", new { party = "Company" }, stranger);
        unseen.Context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        (await GetAsync(id)).SignedBy.ShouldBeEmpty();
    }

    [Fact]
    public async Task only_the_students_own_university_consents()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();
        var otherUniversityKey = await fixture.KeyAsync("University", await fixture.UniversityAsync());

        var refused = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{id}/consent", new { }, otherUniversityKey);

        (await refused.RuleAsync()).ShouldBe("only-the-students-own-university-consents");
        (await GetAsync(id)).State.ShouldBe(InternshipState.AwaitingConsent);
    }

    [Fact]
    public async Task a_refused_consent_keeps_the_universitys_reason()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();

        await fixture.PostAsync($"/api/internships/{id}/consent-refusal", new { reason = "Overlaps the examinations." }, parties.UniversityKey);

        var details = await GetAsync(id, parties.StudentKey);
        details.State.ShouldBe(InternshipState.ConsentRefused);
        details.StateReason.ShouldBe("Overlaps the examinations.");
    }

    [Fact]
    public async Task hours_beyond_the_configured_limit_are_refused()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();
        await fixture.PostAsync($"/api/internships/{id}/consent", new { }, parties.UniversityKey);

        var refused = await fixture.TryAsync(HttpMethod.Put, $"/api/internships/{id}/agreement", InternshipParties.Terms(hoursPerWeek: 41), parties.CompanyKey);

        (await refused.RuleAsync()).ShouldBe("hours-per-week-within-limit");
    }

    [Fact]
    public async Task a_suspended_branch_station_signs_nothing_new_and_its_running_internships_continue_flagged()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var running = await parties.StartedAsync();
        var other = await parties.AnotherStudentAsync();
        var drafted = await other.DraftedAsync();

        await fixture.PostAsync($"/api/branch-stations/{parties.BranchStationId}/suspension", new { reason = "Complaint under review." });

        var refused = await fixture.TryAsync(HttpMethod.Post, $"/api/internships/{drafted}/agreement/signatures", new { party = "Company" }, parties.CompanyKey);
        (await refused.RuleAsync()).ShouldBe("a-suspended-or-revoked-branch-station-signs-nothing-new");
        var posting = await fixture.TryAsync(HttpMethod.Post, "/api/placements", new
        {
            branchStationId = parties.BranchStationId,
            offer = new { title = "Editing", description = "Video editing", slots = 1, startDate = "2027-01-01", endDate = "2027-03-01", location = Given.Workplace },
        }, parties.CompanyKey);
        (await posting.RuleAsync()).ShouldBe("only-an-active-branch-station-posts-placements");

        var flagged = await GetAsync(running, parties.CompanyKey);
        flagged.State.ShouldBe(InternshipState.Started);
        flagged.HostStanding.ShouldBe(BranchStationStanding.Suspended);
        flagged.HostFlagged.ShouldBeTrue();
        await fixture.PostAsync($"/api/internships/{running}/evaluations", new { stage = "MidTerm", rating = 3, comments = "Going well." }, parties.CompanyKey);
    }

    [Fact]
    public async Task an_intention_is_withdrawn_by_a_party_with_its_reason()
    {
        var parties = await InternshipParties.ArrangeAsync(fixture);
        var id = await parties.IntentionAsync();

        await fixture.PostAsync($"/api/internships/{id}/withdrawal", new { reason = "Accepted another offer." }, parties.StudentKey);

        var details = await GetAsync(id);
        details.State.ShouldBe(InternshipState.Withdrawn);
        details.EndedBy.ShouldBe(EndingParty.Student);
        details.StateReason.ShouldBe("Accepted another offer.");
    }
}

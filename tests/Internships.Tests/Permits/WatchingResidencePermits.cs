using System.Text.Json.Nodes;
using Internships.Permits.Watching;
using Internships.Tests.Internships;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StudentBase.Contracts;
using StudentBase.Testing;
using Wolverine;

namespace Internships.Tests.Permits;

/// <summary>Given a permit's end and what it is needed for, on a day, what the watch records.</summary>
public class DecidingThePermitWatch
{
    private static readonly DateOnly Today = new(2027, 3, 1);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 2, 0, 0, CityTime.Offset);
    private static readonly PermitWatchRules Rules = new() { ExpiringWithinDays = 60 };
    private static readonly Guid Person = Guid.CreateVersion7();
    private static readonly PermitNeed Internship = PermitNeed.ForInternship(Guid.CreateVersion7(), new DateOnly(2027, 8, 31));
    private static readonly PermitNeed SubsidyApplication = PermitNeed.ForSubsidyApplication(Guid.CreateVersion7());

    private static IReadOnlyList<object> Decide(DateOnly validUntil, PermitNeed? need = null, ResidencePermitWatch? watch = null, DateOnly? today = null) =>
        ResidencePermitWatch.Decide(watch, Person, validUntil, need ?? Internship, today ?? Today, Rules, Now);

    [Fact]
    public void a_permit_ending_within_the_window_before_the_internship_ends_is_expiring_once()
    {
        var validUntil = Today.AddDays(45);
        var expiring = new PermitExpiring(Person, validUntil, Internship.Until, Internship.InternshipId, Now);

        Decide(validUntil).ShouldBe([expiring]);
        Decide(validUntil, watch: ResidencePermitWatch.Create(expiring)).ShouldBeEmpty();
        Decide(Today.AddDays(61)).ShouldBeEmpty("outside the window");
        Decide(Today.AddDays(60)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        Decide(new DateOnly(2027, 8, 31)).ShouldBeEmpty("the permit covers the internship");
        ResidencePermitWatch.Decide(null, Person, validUntil, null, Today, Rules, Now).ShouldBeEmpty("nothing needs the permit");
    }

    [Fact]
    public void a_permit_that_lapsed_while_needed_is_expired_once_and_a_renewed_one_is_watched_afresh()
    {
        var lapsed = Today.AddDays(-1);
        var expired = new PermitExpired(Person, lapsed, Internship.Until, Internship.InternshipId, Now);

        Decide(lapsed).ShouldBe([expired]);
        Decide(lapsed, watch: ResidencePermitWatch.Create(expired)).ShouldBeEmpty();
        Decide(Today.AddDays(30), watch: ResidencePermitWatch.Create(expired)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        Decide(lapsed, need: Internship with { InternshipEnds = Today.AddDays(-2) }).ShouldBeEmpty("the internship is over");
    }

    [Fact]
    public void a_subsidy_application_in_progress_needs_the_permit_for_as_long_as_it_runs()
    {
        var validUntil = Today.AddDays(45);
        var expiring = new PermitExpiring(Person, validUntil, null, null, Now, SubsidyApplication.SubsidyApplicationId);

        Decide(validUntil, SubsidyApplication).ShouldBe([expiring]);
        Decide(validUntil, SubsidyApplication, ResidencePermitWatch.Create(expiring)).ShouldBeEmpty();
        Decide(Today.AddDays(61), SubsidyApplication).ShouldBeEmpty("outside the window");
        Decide(Today.AddYears(3), SubsidyApplication).ShouldBeEmpty("far from its end");
        Decide(Today.AddDays(-1), SubsidyApplication).ShouldBe([new PermitExpired(Person, Today.AddDays(-1), null, null, Now, SubsidyApplication.SubsidyApplicationId)]);
    }

    [Fact]
    public void an_internship_and_a_subsidy_application_together_need_the_permit_without_end_and_both_are_named()
    {
        var both = Internship.And(SubsidyApplication);
        both.ShouldBe(new PermitNeed(Internship.InternshipId, Internship.InternshipEnds, SubsidyApplication.SubsidyApplicationId));
        SubsidyApplication.And(Internship).ShouldBe(both);
        both.Until.ShouldBeNull();
        Decide(new DateOnly(2027, 4, 10), both).ShouldBe([new PermitExpiring(Person, new DateOnly(2027, 4, 10), null, Internship.InternshipId, Now,
            SubsidyApplication.SubsidyApplicationId)]);
        Decide(new DateOnly(2027, 4, 10), Internship with { InternshipEnds = new DateOnly(2027, 4, 1) }).ShouldBeEmpty("the permit covers the internship");

        var longer = PermitNeed.ForInternship(Guid.CreateVersion7(), Internship.InternshipEnds!.Value.AddMonths(3));
        Internship.And(longer).ShouldBe(longer);
        longer.And(Internship).ShouldBe(longer);
        longer.And(SubsidyApplication).And(Internship).InternshipId.ShouldBe(longer.InternshipId);
    }
}

/// <summary>The Internships service on a clock the test moves.</summary>
public sealed class MovableClockFixture : InternshipsFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override string DatabasePrefix => "internships_clock";

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
}

public class WatchingResidencePermits(MovableClockFixture fixture) : IClassFixture<MovableClockFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task RunTheWatchAsync()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new CheckPermitExpiry(), Cancellation);
    }

    private async Task<IReadOnlyList<object>> WatchOfAsync(Guid person)
    {
        await using var session = fixture.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(ResidencePermitWatch.IdOf(person), token: Cancellation)).Select(@event => @event.Data)];
    }

    [Fact]
    public async Task the_watch_records_one_expiring_permit_per_person_and_window_then_its_lapse_as_the_clock_moves()
    {
        var today = CityTime.DateOf(fixture.Clock.GetUtcNow());
        var parties = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddDays(30));
        var internship = await parties.DraftedAsync();
        var covered = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddYears(2));
        await covered.DraftedAsync();

        await RunTheWatchAsync();
        await RunTheWatchAsync();

        var recorded = (await WatchOfAsync(parties.StudentId)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        recorded.ValidUntil.ShouldBe(today.AddDays(30));
        recorded.NeededUntil.ShouldBe(InternshipParties.AgreedEnd);
        recorded.InternshipId.ShouldBe(internship);
        (await WatchOfAsync(covered.StudentId)).ShouldBeEmpty();
        var listed = await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring");
        listed.Single(entry => entry["personId"]!.GetValue<Guid>() == parties.StudentId)["expired"]!.GetValue<bool>().ShouldBeFalse();
        (await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring", parties.UniversityKey)).ShouldHaveSingleItem();

        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await RunTheWatchAsync();
        await RunTheWatchAsync();

        (await WatchOfAsync(parties.StudentId)).Select(@event => @event.GetType()).ShouldBe([typeof(PermitExpiring), typeof(PermitExpired)]);
        (await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring", parties.UniversityKey)).ShouldHaveSingleItem()["expired"]!
            .GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task a_subsidy_application_in_progress_needs_the_permit_until_subsidies_reports_it_concluded_whatever_the_order_of_the_reports()
    {
        var today = CityTime.DateOf(fixture.Clock.GetUtcNow());
        var founder = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddDays(30));
        var rejected = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddDays(30));
        var intern = await InternshipParties.ArrangeAsync(fixture, residencePermitExpiry: today.AddDays(30));
        var internship = await intern.DraftedAsync();
        var internsApplication = Guid.CreateVersion7();
        var application = Guid.CreateVersion7();
        var rejectedApplication = Guid.CreateVersion7();
        var at = fixture.Clock.GetUtcNow();
        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(application, founder.StudentId, "Eligible", true, 3, at));
        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(rejectedApplication, rejected.StudentId, "Rejected", false, 6, at.AddDays(9)));
        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(rejectedApplication, rejected.StudentId, "Eligible", true, 3, at));
        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(internsApplication, intern.StudentId, "Returned", true, 4, at));

        await RunTheWatchAsync();
        await RunTheWatchAsync();

        var recorded = (await WatchOfAsync(founder.StudentId)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>();
        recorded.ShouldBe(new PermitExpiring(founder.StudentId, today.AddDays(30), null, null, recorded.RecordedAt, application));
        (await WatchOfAsync(rejected.StudentId)).ShouldBeEmpty("the rejection, reported first, is the later state");
        (await WatchOfAsync(intern.StudentId)).ShouldHaveSingleItem().ShouldBeOfType<PermitExpiring>()
            .ShouldBe(new PermitExpiring(intern.StudentId, today.AddDays(30), null, internship, recorded.RecordedAt, internsApplication));
        var listed = (await fixture.GetAsync<List<JsonObject>>("/api/permit-watch/expiring"))
            .Single(entry => entry["personId"]!.GetValue<Guid>() == founder.StudentId);
        listed["subsidyApplicationId"]!.GetValue<Guid>().ShouldBe(application);
        listed["neededUntil"].ShouldBeNull();

        await fixture.Host.InvokeAndWaitAsync(new SubsidyApplicationStateChanged(application, founder.StudentId, "Closed", false, 12, at.AddDays(20)));
        fixture.Clock.Advance(TimeSpan.FromDays(31));
        await RunTheWatchAsync();

        (await WatchOfAsync(founder.StudentId)).ShouldHaveSingleItem("nothing needs the permit once the grant is closed");
    }

    [Fact]
    public async Task reports_of_one_application_arriving_at_once_and_out_of_order_keep_the_latest_state()
    {
        var application = Guid.CreateVersion7();
        var applicant = Guid.CreateVersion7();
        var reports = Enumerable.Range(1, 8).Reverse().Select(version =>
            new SubsidyApplicationStateChanged(application, applicant, version == 8 ? "Closed" : "Approved", version != 8, version, DateTimeOffset.UtcNow));

        await Task.WhenAll(reports.Select(async report =>
        {
            await using var scope = fixture.Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(report, Cancellation);
        }));

        await using var session = fixture.Store.QuerySession();
        var kept = (await session.LoadAsync<ReportedSubsidyApplication>(application, Cancellation)).ShouldNotBeNull();
        (kept.ReportedVersion, kept.State, kept.InProgress).ShouldBe((8L, "Closed", false));
    }
}

using Alba;
using Microsoft.AspNetCore.Http;
using StudentBase.Contracts;
using StudentBase.Testing;

namespace Internships.Tests.Operations;

public class WakingTheReceivers(InternshipsFixture fixture)
{
    private const string EventsInbox = "wolverine_queues.wolverine_queue_events_inbox";
    private const string SubsidiesInbox = "wolverine_queues.wolverine_queue_subsidies_inbox";

    [Fact]
    public async Task the_relay_wakes_the_listener_of_every_inbox_it_writes_to_when_its_page_commits()
    {
        var woken = await fixture.Host.QueueWakeupsDuringAsync(() => fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new
            {
                universityId = PartnerKeys.XiamenUniversity, fullName = "Daniel Smyth", nationality = "GB", passportNumber = "GB9876543",
                programme = "Business Chinese", degreeLevel = "Bachelor", enrolledOn = "2021-09-01", expectedGraduation = "2025-06-30",
                residencePermitExpiry = "2025-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        }), EventsInbox, SubsidiesInbox);

        woken.ShouldContain(EventsInbox);
        woken.ShouldContain(SubsidiesInbox);
    }

    [Fact]
    public async Task a_subjects_messages_are_taken_in_the_order_the_relay_wrote_them()
    {
        var created = (await fixture.Host.Scenario(x =>
        {
            x.As(PartnerKeys.XiamenUniversityKey).Post.Json(new
            {
                universityId = PartnerKeys.XiamenUniversity, fullName = "Daniel Smyth", nationality = "GB", passportNumber = "GB9876543",
                programme = "Business Chinese", degreeLevel = "Bachelor", enrolledOn = "2021-09-01", expectedGraduation = "2025-06-30",
                residencePermitExpiry = "2025-08-31",
            }).ToUrl("/api/students");
            x.StatusCodeShouldBe(StatusCodes.Status201Created);
        })).ReadAsJson<System.Text.Json.Nodes.JsonObject>()!["id"]!.GetValue<Guid>();

        // One page, one transaction: the listener orders by the rows' timestamps, which must follow the writing order.
        var key = (await fixture.Host.EnvelopesInInboxAsync<PersonalDataKeyShared>(Queues.EventsInbox, shared => shared.SubjectId == created)).Single();
        var registered = (await fixture.Host.EnvelopesInInboxAsync<StudentRegistered>(Queues.EventsInbox, message => message.StudentId == created)).Single();
        await using var connection = await fixture.Host.OpenAsync();
        await using var order = new Npgsql.NpgsqlCommand(
            $"select (select timestamp from {EventsInbox} where id = @key) < (select timestamp from {EventsInbox} where id = @registered)", connection);
        order.Parameters.AddWithValue("key", key.Envelope.Id);
        order.Parameters.AddWithValue("registered", registered.Envelope.Id);
        ((bool)(await order.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBeTrue();
    }
}

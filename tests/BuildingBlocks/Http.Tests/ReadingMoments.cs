using Microsoft.AspNetCore.Http;

namespace StudentBase.Http.Tests;

public class ReadingMoments
{
    private static HttpRequest Query(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;

    [Fact]
    public void a_moment_without_an_offset_is_utc_whatever_the_servers_time_zone() =>
        Query("?from=2026-07-01T00:00:00").Moment("from").ShouldBe(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void a_moment_with_an_offset_keeps_it() =>
        Query("?from=2026-07-01T08:00:00%2B08:00").Moment("from").ShouldBe(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void no_moment_is_null() => Query("?to=2026-07-01").Moment("from").ShouldBeNull();
}

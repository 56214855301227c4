using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudentBase.PersonalData.Tests;

public partial class RedactingLogs
{
    private readonly LineCapture _lines = new();

    private ServiceProvider Services() =>
        new ServiceCollection().AddLogging(logging => logging.RedactPersonalData().AddProvider(_lines)).BuildServiceProvider();

    [Fact]
    public void a_value_a_log_method_classifies_as_personal_data_or_a_secret_is_erased_and_the_rest_of_the_line_kept()
    {
        using var services = Services();
        var studentId = Guid.NewGuid();

        StudentNamed(services.GetRequiredService<ILogger<RedactingLogs>>(), studentId, "Daniel Smith", "sk_live_42");

        var line = _lines.Lines.ShouldHaveSingleItem();
        line.ShouldContain(studentId.ToString());
        line.ShouldNotContain("Daniel");
        line.ShouldNotContain("sk_live_42");
    }

    [Fact]
    public void request_lines_which_carry_raw_query_strings_are_left_to_the_traces()
    {
        using var services = Services();
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger(PersonalDataInLogs.RequestLines).IsEnabled(LogLevel.Information).ShouldBeFalse();
        factory.CreateLogger(PersonalDataInLogs.RequestLines).IsEnabled(LogLevel.Warning).ShouldBeTrue();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Student {StudentId} is {FullName} with key {ApiKey}")]
    private static partial void StudentNamed(ILogger logger, Guid studentId, [PersonalData] string fullName, [Secret] string apiKey);

    private sealed class LineCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Capturing(_lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}")) : "";
                lines.Enqueue($"{formatter(state, exception)} {values}");
            }
        }
    }
}

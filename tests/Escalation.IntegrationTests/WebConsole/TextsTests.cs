using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Escalation.Domain;
using Escalation.Domain.Closure;
using Escalation.Domain.Escalation;
using Escalation.Domain.Intake;
using Escalation.Domain.Rating;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Escalation.Host.Reference;
using Escalation.Host.WebConsole;
using Escalation.IntegrationTests.Infrastructure;
using Escalation.Projections;
using Escalation.Projections.Integrity;
using Microsoft.Extensions.Configuration;

namespace Escalation.IntegrationTests.WebConsole;

/// <summary>Every word the console shows has a Chinese and an English text, so no page shows a bare key.</summary>
public sealed partial class TextsTests
{
    private static readonly Texts Texts = new(new Escalation.Host.Organisation.CountyReference(ReferenceDataLoader.Load(new ConfigurationBuilder().Build())));

    [Fact]
    public void every_rule_of_the_domain_has_both_texts()
    {
        var codes = typeof(RuleCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        codes.Where(code => !Texts.Table.ContainsKey($"rule.{code}")).ShouldBeEmpty();
    }

    [Fact]
    public void every_value_the_pages_name_has_both_texts()
    {
        string[] keys =
        [
            .. Keys<TicketStatus>(), .. Keys<Channel>(), .. Keys<Urgency>(), .. Keys<Satisfaction>(), .. Keys<EscalationReason>(),
            .. Keys<WarningLight>(), .. Keys<Light>(), .. Keys<Clock>(), .. Keys<ClosedBecause>(), .. Keys<Role>(),
            .. typeof(ITicketEvent).Assembly.GetTypes().Where(t => t.IsClass && typeof(ITicketEvent).IsAssignableFrom(t)).Select(t => $"event.{t.Name}"),
        ];

        keys.Where(key => !Texts.Table.ContainsKey(key)).ShouldBeEmpty();
    }

    [Fact]
    public void every_reason_a_hash_chain_breaks_for_has_both_texts()
    {
        ChainReasons.All.Where(reason => !Texts.Table.ContainsKey($"chain.{reason}")).ShouldBeEmpty();
    }

    [Fact]
    public void every_key_the_pages_and_their_code_use_has_both_texts()
    {
        var source = Path.Combine(Repository.Folder, "src", "Escalation.Host", "WebConsole");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();

        used.Count.ShouldBeGreaterThan(50);
        used.Where(key => !Texts.Table.ContainsKey(key)).ShouldBeEmpty();
        Texts.Table.Values.Where(text => text.Zh.Length == 0 || text.En.Length == 0).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("is required.", "必填。")]
    [InlineData("is required: one of hotline, app.", "必填。")]
    [InlineData("must be at most 4000 characters long.", "最多 4000 个字。")]
    [InlineData("must name 1 to 20 departments.", "请选择 1 至 20 个部门。")]
    [InlineData("there is no unit X.", "there is no unit X.")]
    public void the_apis_field_reasons_read_in_chinese(string english, string chinese)
    {
        using var _ = new Culture("zh-CN");

        Texts.Reason(english).ShouldBe(chinese);
    }

    [Theory]
    [InlineData(90, "剩 1小时30分")]
    [InlineData(-5, "超时 5分钟")]
    [InlineData(60 * 27, "剩 1天3小时")]
    public void time_left_and_time_overdue(int minutes, string shown)
    {
        using var _ = new Culture("zh-CN");
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

        Texts.Remaining(now.AddMinutes(minutes), now).ShouldBe(shown);
    }

    private static IEnumerable<string> Keys<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(v => Texts.Key(v));

    /// <summary>T["key"], texts["key"], Format("key", …), and the action keys built from the offered actions.</summary>
    [GeneratedRegex("""(?:\b[Tt](?:exts)?\[|Format\()"([a-z][\w.-]+)"[\],]""")]
    private static partial Regex UsedKey();

    private sealed class Culture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public Culture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}

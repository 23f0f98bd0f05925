using System.Text;
using System.Text.RegularExpressions;
using Traffic.Mqtt.Contract;
using Traffic.Mqtt.Validation;

namespace Traffic.Mqtt.Tests;

/// <summary>docs/mqtt.md shows one example payload per topic; each must decode, and the inbound ones must pass the door.</summary>
public sealed partial class DocsExamplesTests
{
    [GeneratedRegex(@"^### `(?<topic>traffic/[^`]+)`.*?^```json\n(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Example();

    private static string DocsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "mqtt.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/mqtt.md not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_topic_has_an_example_that_decodes_and_inbound_examples_pass_validation()
    {
        var examples = Example().Matches(File.ReadAllText(DocsPath())).ToList();
        var kinds = new List<TopicKind>();
        foreach (var m in examples)
        {
            var topic = m.Groups["topic"].Value.Replace("{id}", "I001", StringComparison.Ordinal);
            Assert.True(Topics.TryParse(topic, out var address), topic);
            var payload = Encoding.UTF8.GetBytes(m.Groups["json"].Value);
            var decoded = WireCodec.Decode(address.Kind, payload);
            Assert.Equal(1, decoded.V);
            kinds.Add(address.Kind);
            if (Topics.IsInbound(address.Kind))
            {
                var result = new InboundValidator(TestNetwork.Network).Validate(topic, payload, decoded.Time);
                Assert.True(result.IsAccepted, $"{topic}: {result.Rejection}");
            }
        }

        Assert.Equal(Enum.GetValues<TopicKind>().Order(), kinds.Order());
    }

    [Fact]
    public void Every_reason_code_is_documented()
    {
        var text = File.ReadAllText(DocsPath());
        var missing = Enum.GetValues<RejectReason>()
            .Select(r => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.ToString()))
            .Where(code => !text.Contains($"| `{code}` |", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missing);
    }
}

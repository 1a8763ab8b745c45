<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- needmap-viewer in Japanese: the words a municipal planner would use on a map for the council. -->
<TS version="2.1" language="ja_JP">
<context>
    <name>ResultsMap</name>
    <message>
        <source>Older people beyond %1 minutes of the nearest %2 (%3)</source>
        <translation>最寄りの%2まで%1分以内に行けない高齢者の割合（%3）</translation>
    </message>
    <message>
        <source>Beyond %1 min</source>
        <translation>%1分以内に行けない割合</translation>
    </message>
    <message>
        <source>%1% or less</source>
        <translation>%1%以下</translation>
    </message>
    <message>
        <source>%1–%2%</source>
        <translation>%1〜%2%</translation>
    </message>
    <message>
        <source>over %1%</source>
        <translation>%1%超</translation>
    </message>
    <message>
        <source>%1 min on foot</source>
        <translation>徒歩%1分圏</translation>
    </message>
    <message>
        <source>where they live</source>
        <translation>行けない高齢者の住まい</translation>
    </message>
    <message>
        <source>%1 (existing)</source>
        <translation>既存の%1</translation>
    </message>
    <message>
        <source>best new sites, ranked</source>
        <translation>新たな候補地（数字は順位）</translation>
    </message>
    <message>
        <source>on foot at %1 km/h</source>
        <translation>徒歩・時速%1km</translation>
    </message>
    <message>
        <source>median over the departures</source>
        <translation>出発時刻ごとの所要時間の中央値</translation>
    </message>
    <message>
        <source>%1th percentile over the departures</source>
        <translation>出発時刻ごとの所要時間の%1パーセンタイル値</translation>
    </message>
    <message>
        <source>on foot and by bus, leaving %1 %2–%3, %4</source>
        <translation>歩き＋バス・%1 %2〜%3発、%4</translation>
    </message>
</context>
<context>
    <name>kind</name>
    <message>
        <source>salon</source>
        <translation>サロン・通いの場</translation>
    </message>
    <message>
        <source>shop</source>
        <translation>食料品店</translation>
    </message>
    <message>
        <source>clinic</source>
        <translation>診療所</translation>
    </message>
    <message>
        <source>hall</source>
        <translation>集会所</translation>
    </message>
    <message>
        <source>health</source>
        <translation>医療機関</translation>
    </message>
</context>
<context>
    <name>Viewer</name>
    <message>
        <source>Kind of place: </source>
        <translation>施設の種類：</translation>
    </message>
    <message>
        <source>needmap: the map of a run</source>
        <translation>needmap：分析結果の地図</translation>
    </message>
</context>
</TS>

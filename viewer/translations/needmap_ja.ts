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
        <source>, walking slower uphill</source>
        <translation>、上り坂では遅く</translation>
    </message>
    <message>
        <source>on foot and by bus, arriving by %1 %2, from the latest departure that makes it</source>
        <translation>歩き＋バス・%1 %2着（間に合う最も遅い出発から）</translation>
    </message>
    <message>
        <source>median over the deadlines</source>
        <translation>着時刻ごとの所要時間の中央値</translation>
    </message>
    <message>
        <source>%1th percentile over the deadlines</source>
        <translation>着時刻ごとの所要時間の%1パーセンタイル値</translation>
    </message>
    <message>
        <source>on foot and by bus, arriving by %1 %2–%3, %4</source>
        <translation>歩き＋バス・%1 %2〜%3着、%4</translation>
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
    <message>
        <source>up to %1 min</source>
        <translation>%1分以内</translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation>%1〜%2分</translation>
    </message>
    <message>
        <source>beyond %1 min</source>
        <translation>%1分を超える</translation>
    </message>
    <message>
        <source>bus routes and stops</source>
        <translation>バス路線と停留所</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>中学校区</translation>
    </message>
    <message>
        <source>Within reach on foot</source>
        <translation>徒歩圏</translation>
    </message>
    <message>
        <source>Bus routes and stops</source>
        <translation>バス路線・停留所</translation>
    </message>
    <message>
        <source>Where older people live</source>
        <translation>高齢者の住まい</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>既存の施設</translation>
    </message>
    <message>
        <source>Best new sites</source>
        <translation>新設候補地</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>* fewer than %1 older people: too small a base, the share is only a guide</source>
        <translation>* 高齢者が%1人未満：母数が小さく、割合は参考値</translation>
    </message>
    <message>
        <source>the districts are approximate: each is the area nearest its centre point</source>
        <translation>区域は概略：各拠点に最も近い範囲として作図</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1〜%2</translation>
    </message>
    <message>
        <source>%1 (in this what-if)</source>
        <translation>%1（この案で置く）</translation>
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
    <message>
        <source>&lt;p&gt;Click a district, a place or a dot to see its figures.&lt;/p&gt;</source>
        <translation>&lt;p&gt;中学校区・施設・点をクリックすると、その数字を表示します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Computing the what-if ...</source>
        <translation>シミュレーションを計算中…</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <source>Whole map</source>
        <translation>全体を表示</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>見る</translation>
    </message>
    <message>
        <source>Open a %1 here</source>
        <translation>%1を置く</translation>
    </message>
    <message>
        <source>Close a place</source>
        <translation>施設をなくす</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Back to the plan</source>
        <translation>現状に戻す</translation>
    </message>
    <message>
        <source>Meeting mode</source>
        <translation>会議モード</translation>
    </message>
    <message>
        <source>Stop this bus route</source>
        <translation>この路線を運休する</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>レイヤー</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>一覧表</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Add a layer from a file...</source>
        <translation>ファイルからレイヤーを追加...</translation>
    </message>
    <message>
        <source>Add a layer from a file</source>
        <translation>ファイルからレイヤーを追加</translation>
    </message>
    <message>
        <source>GIS files (*.gpkg *.shp *.geojson *.json *.kml *.gml *.csv);;All files (*)</source>
        <translation>GISファイル (*.gpkg *.shp *.geojson *.json *.kml *.gml *.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Export the map...</source>
        <translation>地図を書き出す...</translation>
    </message>
    <message>
        <source>Save the what-if...</source>
        <translation>シミュレーションを保存...</translation>
    </message>
    <message>
        <source>Save the what-if</source>
        <translation>シミュレーションを保存</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Not drawn: %1</source>
        <translation>描画できなかったレイヤー：%1</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>District profiles: %1</source>
        <translation>地域カルテ　%1</translation>
    </message>
    <message>
        <source>The whole municipality: older people who cannot reach a place within %1 minutes, district by district</source>
        <translation>市町村全体（第1層）：%1分以内に行けない高齢者を中学校区ごとに</translation>
    </message>
    <message>
        <source>%1: share of older people beyond %2 minutes</source>
        <translation>%1：%2分以内に行けない高齢者の割合</translation>
    </message>
    <message>
        <source>district</source>
        <translation>中学校区</translation>
    </message>
    <message>
        <source>all ages</source>
        <translation>総人口</translation>
    </message>
    <message>
        <source>65 and over</source>
        <translation>65歳以上</translation>
    </message>
    <message>
        <source>75 and over</source>
        <translation>75歳以上</translation>
    </message>
    <message>
        <source>%1 beyond</source>
        <translation>%1に行けない人</translation>
    </message>
    <message>
        <source>share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>on foot only</source>
        <translation>徒歩のみの割合</translation>
    </message>
    <message>
        <source>national yardstick</source>
        <translation>国の指標</translation>
    </message>
    <message>
        <source>Districts compared (people; shares of older people)</source>
        <translation>中学校区の比較（人数と高齢者に占める割合）</translation>
    </message>
    <message>
        <source>National yardstick: people 65 and over 500 m or more from a food store who cannot use a car (農林水産政策研究所&apos;s method), beside needmap&apos;s gap on the streets and buses.</source>
        <translation>国の指標：食料品店まで500m以上で自動車を使えない65歳以上の人（農林水産政策研究所「食料品アクセス困難人口」の方法）。道路とバスで測った値と並べて示します。</translation>
    </message>
    <message>
        <source>Best new places for %1</source>
        <translation>%1の新たな候補地</translation>
    </message>
    <message>
        <source>%1. %2 (covers the need of %3 more people)</source>
        <translation>%1. %2（新たに%3人分のニーズに届く）</translation>
    </message>
    <message>
        <source>%1; within %2 minutes; page %3 of %4</source>
        <translation>%1／%2分以内／%3 / %4ページ</translation>
    </message>
    <message>
        <source>%1 district</source>
        <translation>%1区</translation>
    </message>
    <message>
        <source>District profile of %1</source>
        <translation>%1　地域カルテ（第2層）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 %2人</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Older people beyond %1 minutes</source>
        <translation>%1分以内に行けない高齢者</translation>
    </message>
    <message>
        <source>kind of place</source>
        <translation>施設の種類</translation>
    </message>
    <message>
        <source>beyond, with the bus</source>
        <translation>行けない人（歩き＋バス）</translation>
    </message>
    <message>
        <source>beyond, on foot</source>
        <translation>行けない人（徒歩のみ）</translation>
    </message>
    <message>
        <source>unmet need</source>
        <translation>満たされないニーズ（人）</translation>
    </message>
    <message>
        <source>median time</source>
        <translation>所要時間の中央値</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1分</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>上限超</translation>
    </message>
    <message>
        <source>Needs survey</source>
        <translation>ニーズ調査</translation>
    </message>
    <message>
        <source>need</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95%信頼区間</translation>
    </message>
    <message>
        <source>respondents</source>
        <translation>回答者数</translation>
    </message>
    <message>
        <source>Few respondents in this district: read the rates with care.</source>
        <translation>この圏域は回答者が少ないため、割合は幅をもって読んでください。</translation>
    </message>
    <message>
        <source>Best new places for %1 in this district</source>
        <translation>この圏域での%1の新たな候補地</translation>
    </message>
    <message>
        <source>Places in the district</source>
        <translation>圏域内の施設</translation>
    </message>
    <message>
        <source>Share of older people beyond %1 minutes, by kind of place</source>
        <translation>%1分以内に行けない高齢者の割合（施設の種類ごと）</translation>
    </message>
    <message>
        <source>Minutes to the nearest %1, where older people live</source>
        <translation>高齢者の住まいから最寄りの%1までの所要時間</translation>
    </message>
    <message>
        <source>... and %1 more</source>
        <translation>…ほか%1か所</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source> district</source>
        <translation>区</translation>
    </message>
    <message>
        <source>%1 near you</source>
        <translation>身近な%1</translation>
    </message>
    <message>
        <source>  </source>
        <translation>　</translation>
    </message>
    <message>
        <source>None in this area yet.</source>
        <translation>この地域にはまだありません。</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <source>%1 min</source>
        <translation>%1分</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>上限超</translation>
    </message>
    <message>
        <source>Older people: %1</source>
        <translation>高齢者（65歳以上）：%1人</translation>
    </message>
    <message>
        <source>beyond %1 min, with the bus</source>
        <translation>%1分以内に行けない人（歩き＋バス）</translation>
    </message>
    <message>
        <source>on foot only</source>
        <translation>徒歩のみ</translation>
    </message>
    <message>
        <source>unmet need</source>
        <translation>満たされないニーズ</translation>
    </message>
    <message>
        <source>median time</source>
        <translation>所要時間の中央値</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1人（%2）</translation>
    </message>
    <message>
        <source>Needs survey</source>
        <translation>ニーズ調査</translation>
    </message>
    <message>
        <source>%1 (95% interval %2–%3, %4 respondents)</source>
        <translation>%1（95%信頼区間 %2〜%3、回答者%4人）</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>回答なし</translation>
    </message>
    <message>
        <source>Few respondents: read the rates with care.</source>
        <translation>回答者が少ないため、割合は幅をもって読んでください。</translation>
    </message>
    <message>
        <source>Places inside</source>
        <translation>圏域内の施設</translation>
    </message>
    <message>
        <source>Older people here: %1</source>
        <translation>この地点の高齢者：%1人</translation>
    </message>
    <message>
        <source>nearest %1: %2</source>
        <translation>最寄りの%1まで%2</translation>
    </message>
    <message>
        <source> (on foot only: %1)</source>
        <translation>（徒歩のみ：%1）</translation>
    </message>
    <message>
        <source> (added in this what-if)</source>
        <translation>（シミュレーションで追加）</translation>
    </message>
    <message>
        <source>What changes: %1</source>
        <translation>変化：%1</translation>
    </message>
    <message>
        <source>district</source>
        <translation>中学校区</translation>
    </message>
    <message>
        <source>beyond, before</source>
        <translation>行けない人（前）</translation>
    </message>
    <message>
        <source>after</source>
        <translation>後</translation>
    </message>
    <message>
        <source>change</source>
        <translation>増減</translation>
    </message>
    <message>
        <source>unmet need, change</source>
        <translation>満たされないニーズの増減</translation>
    </message>
    <message>
        <source>open a %1 at %2</source>
        <translation>%1を置く（%2）</translation>
    </message>
    <message>
        <source>open %1 (a %2) at %3</source>
        <translation>%1（%2）を置く（%3）</translation>
    </message>
    <message>
        <source>open candidate %1 as a %2</source>
        <translation>候補地%1に%2を開く</translation>
    </message>
    <message>
        <source>close %1</source>
        <translation>%1をなくす</translation>
    </message>
    <message>
        <source>stop bus route %1</source>
        <translation>バス路線%1を運休する</translation>
    </message>
    <message>
        <source>stop every bus of %1</source>
        <translation>%1のバスをすべて運休する</translation>
    </message>
    <message>
        <source>within %1 minutes</source>
        <translation>基準を%1分にする</translation>
    </message>
    <message>
        <source>walking at %1 km/h</source>
        <translation>歩く速さを時速%1kmにする</translation>
    </message>
    <message>
        <source>older people</source>
        <translation>高齢者</translation>
    </message>
    <message>
        <source>people in need</source>
        <translation>ニーズのある人</translation>
    </message>
    <message>
        <source>New site no. %1 for a %2</source>
        <translation>%2の新設候補地 第%1位</translation>
    </message>
    <message>
        <source>alone, it would bring %1 %2 within reach</source>
        <translation>ここだけで%2%1人が行けるようになります</translation>
    </message>
    <message>
        <source>with the sites ranked above it: %1 of the %2 out of reach today</source>
        <translation>上位の候補地と合わせて：いま行けない%2人のうち%1人</translation>
    </message>
    <message>
        <source>where: %1</source>
        <translation>主な中学校区：%1</translation>
    </message>
</context>
<context>
    <name>MapController</name>
    <message>
        <source>what if</source>
        <translation>シミュレーション</translation>
    </message>
</context>
<context>
    <name>Choropleth</name>
    <message>
        <source>Share of older people beyond the threshold</source>
        <translation>基準時間内に行けない高齢者の割合</translation>
    </message>
    <message>
        <source>Older people beyond the threshold</source>
        <translation>基準時間内に行けない高齢者数</translation>
    </message>
    <message>
        <source>Unmet need (people)</source>
        <translation>満たされていないニーズ（人）</translation>
    </message>
    <message>
        <source>Share beyond the threshold on foot alone</source>
        <translation>徒歩だけで基準時間内に行けない割合</translation>
    </message>
    <message>
        <source>Median minutes to the nearest</source>
        <translation>最寄りまでの時間（中央値・分）</translation>
    </message>
    <message>
        <source>Older people</source>
        <translation>高齢者数</translation>
    </message>
    <message>
        <source>Places within reach per 1,000 older people</source>
        <translation>高齢者千人あたりの身近な施設数</translation>
    </message>
    <message>
        <source>Survey: %1 (rate)</source>
        <translation>ニーズ調査：%1（該当率）</translation>
    </message>
</context>
<context>
    <name>needmap::viewer::LayerPanel</name>
    <message>
        <source>Shade districts by</source>
        <translation>中学校区の色分け</translation>
    </message>
    <message>
        <source>Policy classes (5, 15, 25, 35%)</source>
        <translation>施策の区分（5・15・25・35%）</translation>
    </message>
    <message>
        <source>Quantiles</source>
        <translation>分位数（同じ数ずつ）</translation>
    </message>
    <message>
        <source>Equal intervals</source>
        <translation>等間隔</translation>
    </message>
    <message>
        <source>Natural breaks (Jenks)</source>
        <translation>自然分類（Jenks）</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>区分の方法</translation>
    </message>
    <message>
        <source>Number of classes</source>
        <translation>区分の数</translation>
    </message>
    <message>
        <source>Layers (top first; drag to reorder)</source>
        <translation>レイヤー（上から順に描画・ドラッグで並べ替え）</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Colour where older people live by the minutes to the nearest place</source>
        <translation>高齢者の住まいを最寄りまでの所要時間で色分け</translation>
    </message>
</context>
<context>
    <name>needmap::viewer::AttributeTable</name>
    <message>
        <source>Districts</source>
        <translation>中学校区</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>既存の施設</translation>
    </message>
    <message>
        <source>Best new sites</source>
        <translation>新設候補地</translation>
    </message>
    <message>
        <source>District</source>
        <translation>中学校区</translation>
    </message>
    <message>
        <source>Older people</source>
        <translation>高齢者数</translation>
    </message>
    <message>
        <source>Beyond %1 min</source>
        <translation>%1分以内に行けない人</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Share on foot only</source>
        <translation>徒歩だけの割合</translation>
    </message>
    <message>
        <source>Unmet need</source>
        <translation>満たされていないニーズ</translation>
    </message>
    <message>
        <source>Median minutes</source>
        <translation>所要時間の中央値（分）</translation>
    </message>
    <message>
        <source>Places inside</source>
        <translation>区内の施設数</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>調査回答数</translation>
    </message>
    <message>
        <source> (few)</source>
        <translation>（少数）</translation>
    </message>
    <message>
        <source>no survey</source>
        <translation>調査なし</translation>
    </message>
    <message>
        <source>over the limit</source>
        <translation>上限超</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>開催日</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>時間</translation>
    </message>
    <message>
        <source> (what-if)</source>
        <translation>（シミュレーション）</translation>
    </message>
    <message>
        <source>older people</source>
        <translation>高齢者</translation>
    </message>
    <message>
        <source>people in need</source>
        <translation>ニーズのある人</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>候補地</translation>
    </message>
    <message>
        <source>Alone: %1 within reach</source>
        <translation>単独で行けるようになる%1</translation>
    </message>
    <message>
        <source>With those above: %1</source>
        <translation>上位と合わせて：%1</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>主な中学校区</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Export the map</source>
        <translation>地図を書き出す</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向き</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>縦向き</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>用紙</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>向き</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解像度</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;PNG画像 (*.png)</translation>
    </message>
</context>
</TS>

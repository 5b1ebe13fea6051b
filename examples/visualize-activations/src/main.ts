// What a convnet sees: loads a saved convnet (darknet-tiny by default) and a photo, prints the
// summary, and writes the model's graph, every layer's activation grid, a filter grid, a Grad-CAM
// overlay and the training history when the model has one. Usage:
//   node dist/main.js [outDir] [model.json] [image]
import { visualize } from './visualize.js';

const [outDir = 'visualizations', model, image] = process.argv.slice(2);
const { files } = await visualize({ outDir, ...(model ? { model } : {}), ...(image ? { image } : {}) });
console.log(`Wrote ${files.length} files:`);
for (const file of files) console.log(`  ${file}`);
